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
      return (resolved && BROWSER_REPLACEMENTS[resolved.id]) ?? null;
    },
  };
}

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [browserReplacements(), react()],
  worker: { format: "es", plugins: () => [browserReplacements()] },
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
    },
  },
});
