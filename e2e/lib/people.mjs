// Test people: valid resident ID numbers (GB 11643) and enrolment forms.
// Test files run one after another in separate processes against one D1, so
// the serial behind each number is counted in a file of the run's state
// directory: no two people of a run share a number (a shared number is the
// same person to the server, who may then not join twice).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = "10X98765432";
let seq = 0;

/** The next serial of the run (of the process when no state directory is set). */
function nextSerial() {
  const dir = process.env.GONGYOU_STATE;
  if (!dir) return (seq++ * 7 + process.pid) % 182_500;
  const file = join(dir, "id-serial");
  const n = existsSync(file) ? Number(readFileSync(file, "utf8")) : 0;
  writeFileSync(file, String(n + 1));
  return n;
}

/** A valid 18-character ID number for a person born on `birth` (YYYYMMDD);
 * without one, on a day of 1985 that, with the serial, makes the number new. */
export function idNumber({ area = "340102", birth, female = false } = {}) {
  const n = nextSerial();
  const day = new Date(Date.UTC(1985, 0, 1 + Math.floor(n / 500) % 365));
  const born = birth ?? day.toISOString().slice(0, 10).replaceAll("-", "");
  const s = (n % 500) * 2 + (female ? 0 : 1); // the 17th digit: odd for men
  const body = `${area}${born}${String(s).padStart(3, "0")}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * WEIGHTS[i], 0);
  return body + CHECK[sum % 11];
}

export const CONSENT = { sensitive_info: true, version: "enrolment-consent-v2" };

/** An enrolment form matching its ID number. */
export function form(overrides = {}) {
  const id = overrides.id_number ?? idNumber({ birth: overrides.birth });
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
