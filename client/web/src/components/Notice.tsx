// Status and error messages, announced to assistive technology (role=status / role=alert).
import type { ReactNode } from "react";
import { describeError } from "../lib/errors";

export function Notice({ tone = "info", children }: { tone?: "info" | "ok" | "warn" | "error"; children: ReactNode }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      {children}
    </div>
  );
}

export function ErrorNotice({ error }: { error: unknown }) {
  if (!error) return null;
  const { code, message } = describeError(error);
  return (
    <Notice tone="error">
      {code && <strong className="mono">{code}</strong>} {message}
    </Notice>
  );
}
