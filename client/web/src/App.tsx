// The app's frame: header with navigation and the account, the page for the current path, the
// node's status in the footer, and the approval dialog every signature goes through.
import { type ReactNode, useState } from "react";
import { Addr, Badge } from "./components/display";
import { Link, matchPath, usePath } from "./lib/router";
import { CasePage } from "./pages/CasePage";
import { CasesPage } from "./pages/CasesPage";
import { ClinicImportPage } from "./pages/ClinicImportPage";
import { ClinicPage } from "./pages/ClinicPage";
import { DoctorPage } from "./pages/DoctorPage";
import { BlockPage, ExplorerPage, TxPage } from "./pages/ExplorerPage";
import { FundsPage } from "./pages/FundsPage";
import { InsurerPage } from "./pages/InsurerPage";
import { KeysPage } from "./pages/KeysPage";
import { LicensesPage } from "./pages/LicensesPage";
import { MedicinesPage } from "./pages/MedicinesPage";
import { RecordsPage } from "./pages/RecordsPage";
import { SearchPage } from "./pages/SearchPage";
import { useSession } from "./session/SessionContext";
import { useMyAccount } from "./session/useMyAccount";
import { SignDialog } from "./signing/SignDialog";

const NAV: [string, string][] = [
  ["/", "Find a surgeon"],
  ["/cases", "My cases"],
  ["/records", "Records"],
  ["/funds", "Funds"],
  ["/clinic", "Clinic"],
  ["/insurer", "Insurer"],
  ["/medicines", "Medicines"],
  ["/licenses", "Licenses"],
  ["/explorer", "Explorer"],
];

const ROUTES: [string, (p: Record<string, string>) => ReactNode][] = [
  ["/", () => <SearchPage />],
  ["/doctors/:address", (p) => <DoctorPage address={p.address!} />],
  ["/cases", () => <CasesPage />],
  ["/cases/:id", (p) => <CasePage id={p.id!} />],
  ["/records", () => <RecordsPage />],
  ["/funds", () => <FundsPage />],
  ["/clinic", () => <ClinicPage />],
  ["/clinic/import", () => <ClinicImportPage />],
  ["/insurer", () => <InsurerPage />],
  ["/medicines", () => <MedicinesPage />],
  ["/licenses", () => <LicensesPage />],
  ["/explorer", () => <ExplorerPage />],
  ["/explorer/blocks/:number", (p) => <BlockPage number={p.number!} />],
  ["/explorer/tx/:hash", (p) => <TxPage hash={p.hash!} />],
  ["/keys", () => <KeysPage />],
];

function AccountChip() {
  const { account } = useSession();
  const { view } = useMyAccount();
  return (
    <Link to="/keys" className="account-chip" aria-label={account ? `Account ${account.label} ${account.address}` : "Choose an account"}>
      {account ? (
        <>
          <span className="account-label">{account.label}</span> <Addr address={account.address} />
          {view && view.roles.length > 0 && <span className="account-roles">{view.roles.join(", ")}</span>}
        </>
      ) : (
        "Choose an account"
      )}
    </Link>
  );
}

function Footer() {
  const { status, statusError, isDevnet } = useSession();
  return (
    <footer className="site-footer">
      {statusError && !status && <span role="alert">The node does not answer: {statusError.message}</span>}
      {status && (
        <span>
          Node {status.mode} · <Badge status={status.healthy ? "healthy" : "unhealthy"} /> · L2 chain {status.chainId} · height {status.height ?? 0} ·{" "}
          {status.batches.finalized}/{status.batches.posted} batches final on L1 {status.l1ChainId}
          {isDevnet && " (devnet)"}
        </span>
      )}
    </footer>
  );
}

export function App() {
  const path = usePath();
  const [menuOpen, setMenuOpen] = useState(false);
  let page: ReactNode = null;
  for (const [pattern, render] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) {
      page = render(params);
      break;
    }
  }
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="brand-row">
          <Link to="/" className="brand">
            <img src="/favicon.svg" alt="" width="28" height="28" /> Suture
          </Link>
          <button
            type="button"
            className="menu-toggle secondary small"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          <AccountChip />
        </div>
        <nav id="site-nav" aria-label="Main" className={menuOpen ? "open" : ""}>
          <ul>
            {NAV.map(([to, text]) => (
              <li key={to}>
                <Link to={to} onClick={() => setMenuOpen(false)}>
                  {text}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {page ?? (
          <section>
            <h1>Not found</h1>
            <p>
              No page at <span className="mono">{path}</span>. <Link to="/">Find a surgeon</Link>.
            </p>
          </section>
        )}
      </main>
      <Footer />
      <SignDialog />
    </>
  );
}
