// Import boundaries the layout depends on (shared/CONVENTIONS.md, "The shape" and habit 12):
// - an API module reaches another module only through its service (<domain>.service.ts) or its public
//   entry (index.ts); tests may set up what they need through any module;
// - apps/api/src/lib is below the modules and plugins and imports neither;
// - a console feature never imports another feature; shared pieces (components/, lib/) import no feature.
import path from 'node:path';

const API_MODULES = 'apps/api/src/modules/';
const API_LIB = 'apps/api/src/lib/';
const WEB_SRC = 'apps/web/src/';
const WEB_FEATURES = `${WEB_SRC}features/`;

const firstSegment = (rest) => rest.split('/')[0];
const withoutExtension = (file) => file.replace(/\.(d\.ts|tsx?|jsx?|mjs)$/, '');
const isTest = (file) => /\.test\.tsx?$/.test(file) || file.includes('/test/');

/** Why importing `target` from `file` (both relative to the repository) breaks a boundary, or null. */
export function boundaryViolation(file, target) {
  if (file.startsWith(API_MODULES) && target.startsWith(API_MODULES)) {
    const from = firstSegment(file.slice(API_MODULES.length));
    const rest = target.slice(API_MODULES.length);
    const to = firstSegment(rest);
    if (from === to || isTest(file)) return null;
    const name = withoutExtension(path.posix.basename(rest));
    if (name === `${to}.service` || name === 'index') return null;
    return `modules/${from} reaches into modules/${to}/${path.posix.basename(rest)}: import modules/${to}'s service or index instead`;
  }
  if (file.startsWith(API_LIB) && /^apps\/api\/src\/(modules|plugins)\//.test(target)) {
    return `lib/ is shared by every module and plugin and must not import ${target.slice('apps/api/src/'.length)}`;
  }
  if (target.startsWith(WEB_FEATURES) && file.startsWith(WEB_SRC)) {
    const to = firstSegment(target.slice(WEB_FEATURES.length));
    if (file.startsWith(WEB_FEATURES)) {
      const from = firstSegment(file.slice(WEB_FEATURES.length));
      if (from !== to)
        return `features/${from} imports features/${to}: move what both need to components/ or lib/`;
    } else if (/^apps\/web\/src\/(components|lib)\//.test(file)) {
      return `shared ${file.slice(WEB_SRC.length).split('/')[0]}/ imports features/${to}: shared pieces depend on no feature`;
    }
  }
  return null;
}

const rule = {
  meta: {
    type: 'problem',
    docs: { description: 'Keep API modules and console features out of each other’s internals' },
    schema: [],
  },
  create(context) {
    const root = context.cwd;
    const file = path.relative(root, context.filename).split(path.sep).join('/');
    const check = (node) => {
      const source = node.source?.value;
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(context.filename), source))
        .split(path.sep)
        .join('/');
      const problem = boundaryViolation(file, target);
      if (problem) context.report({ node: node.source, message: problem });
    };
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};

export default { rules: { boundaries: rule } };
