// JS half of the validation agreement test: runs the reference library
// @gouvfr-anct/lieux-de-mediation-numerique on every record written by
// relais_validation_agree, decides per field whether the library accepts the
// value, and compares with the C++ verdicts. Prints the matrix of
// disagreements; exits 1 if any disagreement is not a documented deliberate
// difference (docs/validation.md, "Agreement with the reference library").
//
//   node agree.cjs WORK_DIR   (reads records.json and cpp.json)
'use strict';
const fs = require('fs');
const path = require('path');
const lib = require('@gouvfr-anct/lieux-de-mediation-numerique');

const workDir = process.argv[2];
const records = JSON.parse(fs.readFileSync(path.join(workDir, 'records.json'), 'utf8'));
const cpp = JSON.parse(fs.readFileSync(path.join(workDir, 'cpp.json'), 'utf8'));

const base = records.find((r) => r.set === 'official').record;

const accepts = (fn) => {
  try { fn(); return true; } catch (e) { return false; }
};

// Does the library accept `value` for `field`? The field alone is replaced in
// the official (valid) row, so that the coupling rules (services present) and
// the other fields cannot mask the verdict.
const libraryAccepts = (field, value) => {
  switch (field) {
    // fromSchemaLieuDeMediationNumerique does not check these; the library's
    // own models for them are Courriel and Url (per item of the '|'-list).
    case 'courriels': return value.split('|').every((item) => accepts(() => lib.Courriel(item)));
    case 'site_web': return value.split('|').every((item) => accepts(() => lib.Url(item)));
    // new Date() never throws; an Invalid Date makes the pipeline's
    // toISOString() throw, i.e. the record is rejected.
    case 'date_maj': return !Number.isNaN(new Date(value).getTime());
    default: return accepts(() => lib.fromSchemaLieuDeMediationNumerique({ ...base, [field]: value }));
  }
};

// Deliberate differences, each documented in docs/validation.md.
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?)?$/;
const validCalendarDay = (v) => {
  const m = ISO_DATE.exec(v);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
};
const documented = (field, value, cppRejects, jsRejects) => {
  if (field === 'presentation_resume' && cppRejects && !jsRejects && [...value].length > 280)
    return 'presentation_resume.length: schema maxLength 280, not checked by the library';
  if (field === 'date_maj' && cppRejects && !jsRejects && !validCalendarDay(value))
    return 'date_maj.format: strict ISO 8601 calendar dates only (JS Date accepts other formats and rolls days over)';
  if (field === 'formations_labels' && cppRejects !== jsRejects && !cppRejects &&
      value.split('|').includes('Étapes numériques(La Poste)'))
    return 'formations_labels: the schema v1.0.2 spelling "Étapes numériques(La Poste)" is accepted (written spaced)';
  return null;
};

const cppBySet = new Map(cpp.map((c) => [`${c.set}#${c.index}`, new Set(c.rejected)]));
const matrix = {};
const undocumented = [];
const documentedSeen = {};
let evaluations = 0;
for (const { set, index, record } of records) {
  const cppRejected = cppBySet.get(`${set}#${index}`);
  for (const [field, value] of Object.entries(record)) {
    const jsRejects = !libraryAccepts(field, value);
    const cppRejects = cppRejected.has(field);
    evaluations++;
    const row = (matrix[field] ??= { evaluated: 0, both_accept: 0, both_reject: 0, only_cpp_rejects: 0, only_js_rejects: 0, documented: 0 });
    row.evaluated++;
    if (jsRejects === cppRejects) { row[jsRejects ? 'both_reject' : 'both_accept']++; continue; }
    row[cppRejects ? 'only_cpp_rejects' : 'only_js_rejects']++;
    const reason = documented(field, value, cppRejects, jsRejects);
    if (reason) { row.documented++; documentedSeen[reason] = (documentedSeen[reason] ?? 0) + 1; continue; }
    undocumented.push({ set, index, field, value, cpp: cppRejects ? 'reject' : 'accept', js: jsRejects ? 'reject' : 'accept' });
  }
}

console.log(`validation agreement: ${records.length} records, ${evaluations} field verdicts`);
console.table(matrix);
for (const [reason, n] of Object.entries(documentedSeen)) console.log(`documented difference (${n}): ${reason}`);
if (undocumented.length > 0) {
  console.log(`${undocumented.length} undocumented disagreements:`);
  console.table(undocumented.slice(0, 50));
  process.exit(1);
}
console.log('no undocumented disagreement');
