//! The `employer` bundle: an employer's own area (its companies, registering
//! one, posting jobs, applicants and hires), so workers looking for work never
//! download it.

fn main() {
    gongyou_app::start(gongyou_app::employer::App);
}
