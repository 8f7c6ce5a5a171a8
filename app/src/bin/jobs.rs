//! The `jobs` bundle: finding work (search, a job, the job card and matches,
//! applications, job fairs, employers' records) and the employer's own area.

fn main() {
    gongyou_app::start(gongyou_app::jobs::App);
}
