//! The workers' app (what a phone installs).

fn main() {
    gongyou_app::start(gongyou_app::app::App);
}
