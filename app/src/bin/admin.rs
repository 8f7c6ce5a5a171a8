//! The staff workspace, served under /admin/.

fn main() {
    gongyou_app::start(gongyou_app::admin::App);
}
