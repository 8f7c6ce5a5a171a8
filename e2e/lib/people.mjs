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

export const CONSENT = { sensitive_info: true, version: "enrolment-consent-v2" };

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

// Unified social credit codes (GB 32100-2015).
const USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
let usccSeq = 0;

/** A valid, unique-per-run code of a company registered in `area`. */
export function uscc(area = "340102") {
  usccSeq += 1;
  const serial = String((Date.now() % 1e6) * 1000 + usccSeq * 7 + (process.pid % 7)).padStart(9, "0").slice(-9);
  const body = `91${area}${serial}`;
  const sum = [...body].reduce((acc, c, i) => acc + USCC_CHARS.indexOf(c) * USCC_WEIGHTS[i], 0);
  return body + USCC_CHARS[(31 - (sum % 31)) % 31];
}
