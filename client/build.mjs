// After tsc (npm run build): dist/ becomes the package as published, with its own package.json whose exports
// point at the JavaScript and declarations (the package.json beside it points at src/ for use inside this repo).
import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";

const source = JSON.parse(readFileSync("package.json", "utf8"));
const published = {
  name: source.name,
  version: source.version,
  description: source.description,
  license: source.license,
  type: "module",
  engines: source.engines,
  sideEffects: false,
  types: "./index.d.ts",
  exports: { ".": { types: "./index.d.ts", default: "./index.js" } },
};
writeFileSync("dist/package.json", `${JSON.stringify(published, null, 2)}\n`);
copyFileSync("README.md", "dist/README.md");
// The generated module holds types only: its emitted JavaScript is empty.
rmSync("dist/generated.js", { force: true });
console.log(`dist/ is ${source.name}@${source.version}: npm pack ./dist or npm publish ./dist`);
