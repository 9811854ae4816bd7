//! Stage 2: pure transforms of the content model (glossary, timeline); no Tera, no I/O.

pub mod glossary;
