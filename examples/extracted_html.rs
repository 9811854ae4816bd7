//! Prints the article HTML that `gloss import` extracts from a page, before Markdown conversion.
//! For diagnosing extraction: `cargo run --example extracted_html -- page.html`.

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: extracted_html PAGE");
        std::process::exit(2);
    };
    match std::fs::read(&path) {
        Ok(bytes) => println!("{}", gloss::import::extracted_html(&bytes)),
        Err(error) => {
            eprintln!("{path}: {error}");
            std::process::exit(1);
        }
    }
}
