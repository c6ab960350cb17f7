/**
 * Stands in for js-yaml 3 inside gray-matter in the admin bundle. Decap gives gray-matter its own
 * YAML, TOML and JSON engines on every call (decap-cms-core's formats/frontmatter), so
 * gray-matter's default YAML engine is never used; js-yaml 3 would also drag in esprima
 * (for its `!!js/function` type), about 45 KB gzip together.
 */
function unavailable(): never {
  throw new Error('Trang quản trị không đọc YAML bằng js-yaml của gray-matter.');
}

// gray-matter binds both at load time (`yaml.safeLoad.bind(yaml)`): they must exist.
export const safeLoad = unavailable;
export const safeDump = unavailable;
