// Shown instead of a form when it needs an account (or a particular kind of account).
import type { ReactNode } from "react";
import { Link } from "../lib/router";
import { useSession } from "../session/SessionContext";
import { Notice } from "./Notice";

export function RequireAccount({ children, needsKey = false, what }: { children: ReactNode; needsKey?: boolean; what: string }) {
  const { account } = useSession();
  if (!account)
    return (
      <Notice>
        To {what}, <Link to="/keys">choose an account</Link> first.
      </Notice>
    );
  if (needsKey && account.kind !== "key")
    return (
      <Notice tone="warn">
        To {what}, this page needs a key kept in this browser: encryption and anonymous reviews derive from the private key, which a wallet never shares.{" "}
        <Link to="/keys">Use a browser key</Link>.
      </Notice>
    );
  return <>{children}</>;
}
