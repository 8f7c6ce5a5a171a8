// Demo accounts for `make run`, made through the real API: the one-time
// bootstrap of the platform admin, then staff of the demo unions. The password
// is generated once per checkout, kept in .demo-credentials and printed.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { client } from "./demo-staff.mjs";
import { DEMO_FILE } from "./totp.mjs";

const base = process.argv[2] ?? "http://localhost:8787";
const root = new URL("..", import.meta.url).pathname;
const credFile = `${root}.demo-credentials`;
const token = readFileSync(`${root}worker/.dev.vars`, "utf8").match(/^BOOTSTRAP_TOKEN=(.*)$/m)[1];

const password = existsSync(credFile)
  ? readFileSync(credFile, "utf8").match(/^password: (.*)$/m)[1]
  : `demo ${randomBytes(6).toString("hex")} station`;

const { call, finish, signIn } = client(base);

const boot = await call("POST", "/api/auth/bootstrap", { token, username: "platform.admin", display_name: "平台管理员", password });
if (boot.status !== 200 && boot.status !== 409) throw new Error(`bootstrap: ${boot.status} ${JSON.stringify(boot.body)}`);
const login = boot.status === 200 ? await finish("platform.admin", boot) : await signIn("platform.admin", password);
if (login.status !== 200) throw new Error(`admin login: ${login.status} ${JSON.stringify(login.body)}`);

const demo = [
  ["yaohai.admin", "瑶海区总工会管理员", "union_admin", 3],
  ["yaohai.staff", "瑶海区工会干事", "staff", 3],
  ["hefei.viewer", "合肥市总工会统计员", "viewer", 2],
  ["hedong.staff", "河东区工会干事", "staff", 18],
  ["qidong.staff", "启东市工会干事", "staff", 25],
];
for (const [username, display_name, role, union_id] of demo) {
  const r = await call("POST", "/api/admin/staff", { username, display_name, role, union_id, password });
  if (r.status !== 200 && !(r.status === 422 && r.body?.error?.fields?.username)) {
    throw new Error(`staff ${username}: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

// Staff who can reveal ID numbers sign in with a second factor: each demo
// account's authenticator is set up now, by a sign-in of its own.
for (const [username, , role] of demo) {
  if (role === "viewer" || existsSync(DEMO_FILE) && JSON.parse(readFileSync(DEMO_FILE, "utf8"))[username]) continue;
  const r = await client(base).signIn(username, password);
  if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status} ${JSON.stringify(r.body)}`);
}

writeFileSync(credFile, `# Demo accounts of this checkout (local only).\npassword: ${password}\nstaff: platform.admin ${demo.map((d) => d[0]).join(" ")}\n`);
console.log(`
  Demo staff sign-in: http://localhost:${new URL(base).port}/admin/login
    usernames: platform.admin, ${demo.map((d) => d[0]).join(", ")}
    password:  ${password}
    then the code of the authenticator: node scripts/totp.mjs <username>   (hefei.viewer needs none)
  Workers sign in with any mobile number; the SMS code is printed in this terminal ([sms:console]).`);
