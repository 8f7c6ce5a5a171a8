//! Writes SQL for the jobs scale bench (bench/jobs.mjs): `N` live jobs of
//! verified employers around Chinese cities, with their index rows made by the
//! same shared code the Worker uses (search text, trigram normalisation,
//! bigrams, trade masks), so the bench searches exactly what production would.
//!
//!   cargo run --release -p gongyou-shared --example bench_jobs -- 100000 2025-12-01 > jobs.sql

use shared::jobs::{search_text, text_search, trade_mask};
use shared::trades::Trade;

const CITIES: &[(&str, f64, f64, u32)] = &[
    ("北京", 39.904, 116.407, 10),
    ("上海", 31.230, 121.474, 10),
    ("广州", 23.129, 113.264, 9),
    ("深圳", 22.543, 114.058, 9),
    ("成都", 30.573, 104.066, 8),
    ("重庆", 29.563, 106.551, 8),
    ("武汉", 30.593, 114.305, 7),
    ("杭州", 30.274, 120.155, 7),
    ("西安", 34.342, 108.940, 7),
    ("南京", 32.060, 118.797, 6),
    ("郑州", 34.746, 113.625, 6),
    ("长沙", 28.228, 112.939, 6),
    ("合肥", 31.821, 117.227, 5),
    ("济南", 36.651, 117.120, 5),
    ("临沂", 35.105, 118.356, 3),
    ("南通", 31.981, 120.894, 3),
    ("永州", 26.420, 111.613, 2),
    ("雅安", 29.980, 103.013, 1),
    ("六安", 31.735, 116.523, 2),
    ("威海", 37.513, 122.121, 2),
];
const DISTRICTS: &[&str] = &["城东区", "城西区", "高新区", "经开区", "新城区", "老城区"];
const TEMPLATES: &[&str] = &[
    "招{t}{n}名",
    "急招{t}",
    "{d}招{t},工资日结",
    "长期招{t}师傅",
    "{t}({n}人)包吃住",
];
const NOTES: &[&str] = &[
    "长期有活,工资不拖欠。",
    "有经验者优先,工具自带。",
    "工地包吃住,按月结算。",
    "夜班补贴,多劳多得。",
    "",
];

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn unit(&mut self) -> f64 {
        self.next() as f64 / (1u64 << 31) as f64
    }
    fn gauss(&mut self) -> f64 {
        (-2.0 * (self.unit() + 1e-12).ln()).sqrt()
            * (2.0 * std::f64::consts::PI * self.unit()).cos()
    }
}

fn q(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

fn main() {
    let mut args = std::env::args().skip(1);
    let n: u64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(100_000);
    let today = args.next().unwrap_or_else(|| "2025-12-01".into());
    let mut rng = Rng(42);
    let employers = 500;
    let first_id = 1_000_000;
    println!("INSERT OR IGNORE INTO employers (id, name, uscc, status, contact_name, contact_phone, region_code, union_id, union_path, verified_by_union_id, verified_at, created_at, updated_at) VALUES");
    let rows: Vec<String> = (0..employers)
        .map(|e| format!("({}, '压测企业{e}', 'BENCH{e:013}', 'verified', '联系人', '13900000000', '340102', 3, '/1/2/3/', 3, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')", first_id + e))
        .collect();
    println!("{};", rows.join(",\n"));
    let weight: u32 = CITIES.iter().map(|c| c.3).sum();
    let (mut jobs, mut rtree, mut tri, mut bi) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let flush = |jobs: &mut Vec<String>,
                 rtree: &mut Vec<String>,
                 tri: &mut Vec<String>,
                 bi: &mut Vec<String>| {
        if jobs.is_empty() {
            return;
        }
        println!("INSERT INTO jobs (id, employer_id, union_path, title, trades, trade_mask, description, wage_min_fen, wage_max_fen, wage_unit, daily_max_fen, settlement, headcount, lat, lng, district, starts_on, ends_on, working_hours, board, lodging, contact_name, contact_phone, valid_until, status, posted_at, created_by, created_at, updated_at, listing_seq) VALUES {};", jobs.join(","));
        println!("INSERT INTO jobs_rtree (id, min_lat, max_lat, min_lng, max_lng, trade_mask) VALUES {};", rtree.join(","));
        println!(
            "INSERT INTO jobs_fts (rowid, text) VALUES {};",
            tri.join(",")
        );
        println!(
            "INSERT INTO jobs_fts_bigram (rowid, text) VALUES {};",
            bi.join(",")
        );
        jobs.clear();
        rtree.clear();
        tri.clear();
        bi.clear();
    };
    let mut all = Vec::new();
    for i in 0..n {
        let id = first_id + i;
        let mut pick = rng.below(weight as u64) as u32;
        let city = CITIES
            .iter()
            .find(|c| {
                if pick < c.3 {
                    true
                } else {
                    pick -= c.3;
                    false
                }
            })
            .unwrap_or(&CITIES[0]);
        let spread = if rng.unit() < 0.8 { 0.08 } else { 0.4 };
        let (lat, lng) = (city.1 + rng.gauss() * spread, city.2 + rng.gauss() * spread);
        let trade = Trade::ALL[rng.below(Trade::ALL.len() as u64) as usize];
        let trades = if rng.below(5) == 0 {
            vec![trade, Trade::Labourer]
        } else {
            vec![trade]
        };
        let district = format!(
            "{}{}",
            city.0,
            DISTRICTS[rng.below(DISTRICTS.len() as u64) as usize]
        );
        let label = trade.label().zh.into_owned();
        let title = TEMPLATES[rng.below(TEMPLATES.len() as u64) as usize]
            .replace("{t}", &label)
            .replace("{n}", &(1 + rng.below(20)).to_string())
            .replace("{d}", city.0);
        let title: String = title.chars().take(40).collect();
        let note = NOTES[rng.below(NOTES.len() as u64) as usize];
        let (unit, min) = match rng.below(3) {
            0 => ("month", 3000_00 + rng.below(60) as i64 * 100_00),
            _ => ("day", 150_00 + rng.below(30) as i64 * 10_00),
        };
        let max = min + min / 5;
        let daily = if unit == "month" {
            (max + 13) / 26
        } else {
            max
        };
        let settlement = ["daily", "weekly", "monthly"][rng.below(3) as usize];
        let posted = format!(
            "2025-{:02}-{:02}T{:02}:00:00Z",
            1 + rng.below(11),
            1 + rng.below(28),
            rng.below(24)
        );
        let starts = if rng.below(4) == 0 {
            today.clone()
        } else {
            "2025-06-01".into()
        };
        let text = search_text(&title, &trades, &district, note);
        let row = format!(
            "({id}, {}, '/1/2/3/', {}, {}, {}, {}, {min}, {max}, '{unit}', {daily}, '{settlement}', {}, {lat:.6}, {lng:.6}, {}, '{starts}', NULL, '8:00–17:00', {}, {}, '王师傅', '13800000000', '2099-12-31', 'live', '{posted}', 'bench', '{posted}', '{posted}'",
            first_id + rng.below(employers),
            q(&title),
            q(&serde_json::to_string(&trades).unwrap()),
            trade_mask(trades.iter().copied()),
            q(note),
            1 + rng.below(30),
            q(&district),
            rng.below(2),
            rng.below(2),
        );
        let point = format!(
            "({id}, {lat:.6}, {lat:.6}, {lng:.6}, {lng:.6}, {})",
            trade_mask(trades.iter().copied())
        );
        let tri_text = q(&text_search::normalize(&text));
        let bi_text = q(&text_search::bigrams(&text));
        all.push((posted, id, row, point, tri_text, bi_text));
    }
    // The listing sequence follows "newest" order (posted_at, then id), as the
    // Worker stamps it on first publication; the full-text rowid is that number.
    all.sort_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    for (seq, (_, _, row, point, tri_text, bi_text)) in all.into_iter().enumerate() {
        let seq = seq + 1;
        jobs.push(format!("{row}, {seq})"));
        rtree.push(point);
        tri.push(format!("({seq}, {tri_text})"));
        bi.push(format!("({seq}, {bi_text})"));
        if jobs.len() == 200 {
            flush(&mut jobs, &mut rtree, &mut tri, &mut bi);
        }
    }
    flush(&mut jobs, &mut rtree, &mut tri, &mut bi);
}
