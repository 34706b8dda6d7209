// The peer side of bench/openapi.sh: api-smart-diff's apiCompare on two OpenAPI documents
// (JSON, or YAML through js-yaml), printing the number of changes and the count per type.
//
//   NODE_PATH=bench/out/npm-openapi/node_modules node bench/api_smart_diff.js OLD NEW
const fs = require("fs");
const { apiCompare } = require("api-smart-diff");

function load(file) {
  const text = fs.readFileSync(file, "utf8");
  if (/^\s*[{[]/.test(text)) return JSON.parse(text);
  return require("js-yaml").load(text);
}

const [before, after] = process.argv.slice(2, 4).map(load);
const { diffs } = apiCompare(before, after);
const byType = {};
for (const d of diffs) byType[d.type] = (byType[d.type] || 0) + 1;
console.log(`${diffs.length} changes`);
for (const [type, n] of Object.entries(byType).sort()) console.log(`${String(n).padStart(7)} ${type}`);
