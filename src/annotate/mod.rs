//! Stage 2: the library annotated. Glossary terms are linked in every body, caption and
//! timeline entry; links between content files are resolved; the site's dated events are put
//! in order. Pure transforms of the content model: no Tera, no I/O.

pub mod article;
pub mod glossary;
pub mod links;
pub mod timeline;

use std::sync::Arc;

use crate::config::Config;
use crate::content::Library;
use article::AnnotatedArticle;
use glossary::Glossary;

/// The annotated site: what render reads.
pub struct Annotated<'a> {
    pub config: &'a Config,
    pub library: &'a Library,
    pub glossary: &'a Glossary,
    /// One per article of `library`, in its order.
    pub articles: &'a [Arc<AnnotatedArticle>],
}
