// Accounts: an injected wallet when the browser has one; keys kept in this browser, encrypted with
// a passphrase (the SDK's keystore format); and, on a devnet only, the dev accounts in one click.
import { type FormEvent, useState } from "react";
import type { Hex } from "viem";
import { DEV_ACCOUNTS } from "../../../../sequencer/src/devnet/devAccounts";
import type { Keystore } from "../../../src/accounts/keystore";
import { Addr, Money } from "../components/display";
import { Field, TextArea } from "../components/forms";
import { ErrorNotice, Notice } from "../components/Notice";
import { useAction } from "../components/useAction";
import { injectedProvider } from "../session/injectedProvider";
import { forgetKey, importKeystoreFile, listStoredKeys, type StoredKey, storeKey, unlockKey } from "../session/keystores";
import { useSession } from "../session/SessionContext";
import { useMyAccount } from "../session/useMyAccount";

const DEV_ROLES = ["patient", "patient2", "doctor", "manufacturer", "insurer", "board", "medicineRegulator", "insuranceRegulator"] as const;

/** scrypt takes a second or two: let the page paint "working" before it blocks. */
const nextFrame = () => new Promise((r) => setTimeout(r, 30));

function CurrentAccount() {
  const { account, setAccount, client } = useSession();
  const { view } = useMyAccount();
  const publish = useAction(() => client.publishEncryptionKey());
  if (!account) return <Notice>No account in use. Pick one below.</Notice>;
  return (
    <section className="card" aria-labelledby="current-account">
      <h2 id="current-account">In use: {account.label}</h2>
      <dl className="kv">
        <dt>Address</dt>
        <dd className="mono">{account.address}</dd>
        <dt>Kind</dt>
        <dd>{account.kind === "wallet" ? "injected wallet (signs in the wallet)" : account.source === "dev" ? "devnet key" : "key kept in this browser"}</dd>
        <dt>L2 balance</dt>
        <dd>
          <Money wei={view?.balance} />
        </dd>
        <dt>Roles</dt>
        <dd>{view?.roles.length ? view.roles.join(", ") : "patient (anyone)"}</dd>
        <dt>Encryption key</dt>
        <dd>{view?.encryptionKey ? <span className="mono">{view.encryptionKey.slice(0, 18)}… published</span> : "not published yet"}</dd>
      </dl>
      <div className="actions">
        {account.kind === "key" && !view?.encryptionKey && (
          <button type="button" className="primary" disabled={publish.busy} onClick={() => publish.run()}>
            {publish.busy ? "Publishing…" : "Publish my encryption key"}
          </button>
        )}
        <button type="button" className="secondary" onClick={() => setAccount(null)}>
          {account.kind === "key" && account.source === "browser" ? "Lock" : "Stop using"}
        </button>
      </div>
      <p className="hint">Records and case details can be encrypted to you once your encryption key is published.</p>
      <ErrorNotice error={publish.error} />
    </section>
  );
}

function DevAccounts() {
  const { setAccount, isDevnet } = useSession();
  if (!isDevnet) return null;
  return (
    <section className="card" aria-labelledby="dev-accounts">
      <h2 id="dev-accounts">Devnet accounts</h2>
      <p className="hint">This node runs on a local Hardhat L1 (chain 31337): its well-known test keys are one click away. Never use them for real value.</p>
      <ul className="button-list">
        {DEV_ROLES.map((role) => {
          const a = DEV_ACCOUNTS[role];
          const label = role === "patient2" ? "second patient" : a.role;
          return (
            <li key={role}>
              <button
                type="button"
                className="secondary"
                onClick={() => setAccount({ kind: "key", source: "dev", label: `dev ${label}`, address: a.address, privateKey: a.privateKey })}
              >
                <span>Use dev {label}</span> <Addr address={a.address} />
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function StoredKeyRow({ stored, onChange }: { stored: StoredKey; onChange: () => void }) {
  const { setAccount } = useSession();
  const [passphrase, setPassphrase] = useState("");
  const unlock = useAction(async () => {
    await nextFrame();
    const privateKey = unlockKey({ address: stored.keystore.address, passphrase });
    setAccount({ kind: "key", source: "browser", label: stored.label, address: stored.keystore.address, privateKey });
    setPassphrase("");
  });
  const exportKeystore = () => {
    const url = URL.createObjectURL(new Blob([JSON.stringify(stored.keystore, null, 2)], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `suture-${stored.keystore.address}.json`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <li className="card">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          unlock.run();
        }}
      >
        <strong>{stored.label}</strong> <Addr address={stored.keystore.address} />
        {/* For password managers: which account this passphrase belongs to. */}
        <input type="text" name="username" autoComplete="username" value={stored.keystore.address} readOnly hidden />
        <Field label="Passphrase" type="password" autoComplete="current-password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} required />
        <button type="submit" className="primary" disabled={unlock.busy}>
          {unlock.busy ? "Unlocking…" : "Unlock and use"}
        </button>
        <button type="button" className="secondary" onClick={exportKeystore}>
          Export keystore
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            if (confirm(`Forget ${stored.label}? Without an exported keystore or the key, the account is lost.`)) {
              forgetKey(stored.keystore.address);
              onChange();
            }
          }}
        >
          Forget
        </button>
      </form>
      <ErrorNotice error={unlock.error} />
    </li>
  );
}

function NewKey({ onChange }: { onChange: () => void }) {
  const { setAccount } = useSession();
  const [mode, setMode] = useState<"create" | "import">("create");
  const [label, setLabel] = useState("my key");
  const [secret, setSecret] = useState("");
  const [passphrase, setPassphrase] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const [mnemonic, setMnemonic] = useState<string | null>(null);
  const mismatch = confirmation !== "" && confirmation !== passphrase ? "The passphrases differ" : null;
  const save = useAction(async () => {
    if (passphrase.length < 8) throw new Error("Use a passphrase of at least 8 characters");
    if (passphrase !== confirmation) throw new Error("The passphrases differ");
    // Mnemonics bring a wordlist and HD derivation: loaded only when a key is added.
    const [{ createAccount }, { importAccount }] = await Promise.all([
      import("../../../src/accounts/createAccount"),
      import("../../../src/accounts/importAccount"),
    ]);
    let privateKey: Hex;
    if (mode === "create") {
      const created = createAccount({ mnemonic: true });
      privateKey = created.privateKey;
      setMnemonic(created.mnemonic);
    } else {
      const text = secret.trim();
      privateKey = (
        /^(0x)?[0-9a-fA-F]{64}$/.test(text)
          ? importAccount({ privateKey: (text.startsWith("0x") ? text : `0x${text}`) as Hex })
          : importAccount({ mnemonic: text })
      ).privateKey!;
    }
    await nextFrame();
    const stored = storeKey({ privateKey, passphrase, label });
    setAccount({ kind: "key", source: "browser", label, address: stored.keystore.address, privateKey });
    setSecret("");
    setPassphrase("");
    setConfirmation("");
    onChange();
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    save.run();
  };
  return (
    <section className="card" aria-labelledby="new-key">
      <h2 id="new-key">Add a key to this browser</h2>
      <div className="segmented" role="radiogroup" aria-label="How">
        <label>
          <input type="radio" name="key-mode" checked={mode === "create"} onChange={() => setMode("create")} /> Create a new key
        </label>
        <label>
          <input type="radio" name="key-mode" checked={mode === "import"} onChange={() => setMode("import")} /> Import a key or recovery phrase
        </label>
      </div>
      <form onSubmit={submit} className="stack">
        <Field label="Name for this key" autoComplete="username" value={label} onChange={(e) => setLabel(e.target.value)} required />
        {mode === "import" && (
          <TextArea
            label="Private key (0x + 64 hex) or 12–24 word recovery phrase"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
            required
            rows={2}
            autoComplete="off"
            spellCheck={false}
          />
        )}
        <Field
          label="Passphrase"
          type="password"
          autoComplete="new-password"
          value={passphrase}
          onChange={(e) => setPassphrase(e.target.value)}
          hint="Encrypts the key in this browser (scrypt, AES-256-GCM). It is never sent anywhere."
          required
        />
        <Field
          label="Passphrase again"
          type="password"
          autoComplete="new-password"
          value={confirmation}
          onChange={(e) => setConfirmation(e.target.value)}
          error={mismatch}
          required
        />
        <button type="submit" className="primary" disabled={save.busy}>
          {save.busy ? "Encrypting…" : mode === "create" ? "Create and use" : "Import and use"}
        </button>
      </form>
      {mnemonic && (
        <Notice tone="warn">
          Write down your recovery phrase; it is shown once: <strong className="mono">{mnemonic}</strong>
        </Notice>
      )}
      <ErrorNotice error={save.error} />
      <label className="file-label">
        Or add a keystore file (it keeps its own passphrase):{" "}
        <input
          type="file"
          accept="application/json,.json"
          onChange={async (e) => {
            const file = e.target.files?.[0];
            if (!file) return;
            const keystore = JSON.parse(await file.text()) as Keystore;
            importKeystoreFile({ keystore, label: file.name.replace(/\.json$/, "") });
            onChange();
          }}
        />
      </label>
    </section>
  );
}

function Wallet() {
  const { setAccount } = useSession();
  const provider = injectedProvider();
  const connect = useAction(async () => {
    const { connectInjectedWallet } = await import("../session/connectInjectedWallet");
    const { address, signer } = await connectInjectedWallet(provider!);
    setAccount({ kind: "wallet", label: "wallet", address, signer, provider: provider! });
  });
  return (
    <section className="card" aria-labelledby="wallet">
      <h2 id="wallet">Browser wallet</h2>
      {provider ? (
        <>
          <p>Sign with your wallet: it shows each EIP-712 message too. Records and anonymous reviews need a browser key (they derive from the private key).</p>
          <button type="button" className="primary" disabled={connect.busy} onClick={() => connect.run()}>
            Connect wallet
          </button>
        </>
      ) : (
        <p className="muted">No browser wallet found (no window.ethereum). Use a key kept in this browser.</p>
      )}
      <ErrorNotice error={connect.error} />
    </section>
  );
}

function L1Settings() {
  const { l1RpcUrl, setL1RpcUrl } = useSession();
  const [value, setValue] = useState(l1RpcUrl);
  return (
    <section className="card" aria-labelledby="l1-settings">
      <h2 id="l1-settings">L1 connection</h2>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          setL1RpcUrl(value.trim());
        }}
      >
        <Field
          label="L1 JSON-RPC URL"
          value={value}
          onChange={(e) => setValue(e.target.value)}
          hint="Deposits and withdrawal payouts with a browser key go to this L1 node; a wallet uses its own."
          type="url"
        />
        <button type="submit" className="secondary">
          Save
        </button>
      </form>
    </section>
  );
}

export function KeysPage() {
  const [, setRevision] = useState(0);
  const stored = listStoredKeys();
  const refresh = () => setRevision((r) => r + 1);
  return (
    <section className="page">
      <h1>Accounts and keys</h1>
      <CurrentAccount />
      <DevAccounts />
      {stored.length > 0 && (
        <section aria-labelledby="stored-keys">
          <h2 id="stored-keys">Keys in this browser</h2>
          <ul className="plain">
            {stored.map((s) => (
              <StoredKeyRow key={s.keystore.address} stored={s} onChange={refresh} />
            ))}
          </ul>
        </section>
      )}
      <NewKey onChange={refresh} />
      <Wallet />
      <L1Settings />
    </section>
  );
}
