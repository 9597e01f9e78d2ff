// Runs one Python file in Pyodide under Node, the Python that xlwings Lite runs inside Excel.
// Wheels come from a local folder (never a CDN); host folders are mounted (/data is where Lite
// keeps imported and downloadable files). Prints the script's output, then one line
// "PYODIDE-TIMES {json}" with the load and install times; exits 1 when the script raised.
//
//   node run.mjs --wheels DIR [--mount HOST:GUEST]... SCRIPT.py
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadPyodide } from "pyodide";

function option(name) {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
}

function options(name) {
  return process.argv.flatMap((arg, i) => (arg === name ? [process.argv[i + 1]] : []));
}

const script = process.argv[process.argv.length - 1];
const wheels = option("--wheels");
const mounts = options("--mount").map((m) => m.split(":"));

const started = performance.now();
const pyodide = await loadPyodide({ stdout: (s) => console.log(s), stderr: (s) => console.error(s) });
const loaded = performance.now();

if (wheels) {
  const files = readdirSync(wheels).filter((f) => f.endsWith(".whl"));
  // loadPackage reads a local path with Node's fs and loads the shared libraries a wheel holds
  // (python-calamine's extension); nothing is fetched from the network.
  await pyodide.loadPackage(files.map((f) => resolve(join(wheels, f))), {
    messageCallback: () => {},
  });
}
const installed = performance.now();

for (const [host, guest] of mounts) {
  pyodide.FS.mkdirTree(guest);
  pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: resolve(host) }, guest);
}

let code = 0;
const before = performance.now();
try {
  await pyodide.runPythonAsync(readFileSync(script, "utf8"));
} catch (err) {
  console.error(String(err));
  code = 1;
}
const ran = performance.now();
const ms = (a, b) => Math.round(b - a);
console.log(
  "PYODIDE-TIMES " +
    JSON.stringify({
      load_ms: ms(started, loaded),
      install_ms: ms(loaded, installed),
      run_ms: ms(before, ran),
      version: pyodide.version,
    }),
);
process.exit(code);
