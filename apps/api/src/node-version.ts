/**
 * Imported first by the server and the CLI: on an old Node the first thing a person sees is what to install,
 * not a syntax error from deep inside a dependency. Keep in step with `engines` in the root package.json.
 */
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 19) || (major === 22 && minor < 12)) {
  process.stderr.write(
    `Relais needs Node.js 24 (recommended), 22.12+ or 20.19+; this is Node ${process.versions.node}. ` +
      'Install a current one (for instance `npm i -g node@24`) and run the command again.\n',
  );
  process.exit(1);
}

export {};
