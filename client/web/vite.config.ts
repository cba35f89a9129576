// Builds the web app into client/web/dist (served by the node at /). The SDK and the protocol code
// are bundled from their sources; the few node-only modules among them are swapped for browser
// stand-ins (src/platform/replacements.ts) in the page and in the prover worker.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { BARE_REPLACEMENTS, BROWSER_REPLACEMENTS } from "./src/platform/replacements.ts";

function browserReplacements(): Plugin {
  return {
    name: "suture-browser-replacements",
    enforce: "pre",
    async resolveId(source, importer, options) {
      if (source in BARE_REPLACEMENTS) return BARE_REPLACEMENTS[source];
      if (!importer || !(source.startsWith(".") || source.startsWith("/"))) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const replacement = resolved && BROWSER_REPLACEMENTS[resolved.id];
      // A stand-in may wrap the module it replaces (a lazy loader): it gets the original.
      return replacement && replacement !== importer ? replacement : null;
    },
  };
}

const REPO = fileURLToPath(new URL("../../", import.meta.url));
/**
 * The SDK's and the node's shared modules only declare things (no import-time side effects), so
 * an import of a barrel (`../accounts`) need not keep every module it re-exports. Returning
 * undefined leaves the default (packages' own sideEffects flags) for everything else.
 */
const sharedSourceHasNoSideEffects = (id: string) => (id.startsWith(`${REPO}client/src/`) || id.startsWith(`${REPO}sequencer/src/`) ? false : undefined);

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [browserReplacements(), react()],
  worker: { format: "es", plugins: () => [browserReplacements()], rolldownOptions: { treeshake: { moduleSideEffects: sharedSourceHasNoSideEffects } } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // snarkjs alone is over a megabyte; it loads only in the prover worker.
    chunkSizeWarningLimit: 2500,
    rolldownOptions: {
      // The SDK's postReview imports its prover lazily; the app imports the browser one up front
      // on purpose. Build times are not worth a warning on a 2-core machine.
      checks: { ineffectiveDynamicImport: false, bundlerTimings: false },
      treeshake: { moduleSideEffects: sharedSourceHasNoSideEffects },
    },
  },
});
