// Test people: valid resident ID numbers (GB 11643) and enrolment forms.
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
let seq = 0;

/** A valid 18-character ID number for a person born on `birth` (YYYYMMDD). */
export function idNumber({ area = "340102", birth = "19850612", female = false } = {}) {
  seq += 1;
  let s = (seq * 7 + process.pid) % 500;
  s = s * 2 + (female ? 0 : 1); // the 17th digit: odd for men
  const body = `${area}${birth}${String(s).padStart(3, "0").slice(-3)}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return body + CHECK[sum % 11];
}

export const CONSENT = { sensitive_info: true, version: "enrolment-consent-v1" };

/** An enrolment form matching its ID number. */
export function form(overrides = {}) {
  const birth = overrides.birth ?? "19850612";
  const id = overrides.id_number ?? idNumber({ birth });
  const male = Number(id[16]) % 2 === 1;
  return {
    name: "王建国",
    id_number: id,
    gender: male ? "male" : "female",
    birth_date: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
    hometown: "安徽省六安市霍山县",
    employer_or_project: "瑶海区站塘路安置房项目",
    trade: "carpenter",
    employment_form: "flexible",
    contact_address: "合肥市瑶海区站塘路工地宿舍",
    consent: CONSENT,
    ...overrides,
  };
}
