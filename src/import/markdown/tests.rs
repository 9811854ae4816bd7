use super::*;

use scraper::{ElementRef, Html, Node};

const SEED: &str = include_str!("../../../tests/fixtures/seed/000_e94aa386e9de23ea.txt");

/// The seed page's article body: from `<div class="article_view"` to the copyright line after it.
fn seed_body() -> &'static str {
    let start = SEED.find("<div class=\"article_view\"").expect("start marker");
    let end = start
        + SEED[start..]
            .find("<p class=\"\" data-translation=\"true\">Copyright")
            .expect("end marker");
    &SEED[start..end]
}

fn base() -> Url {
    Url::parse("https://www.news1.kr/it-science/general-it/5880000").expect("valid base")
}

/// Text nodes outside scripts and styles, with all whitespace removed.
fn visible(html: &str) -> String {
    let document = Html::parse_fragment(html);
    let mut out = String::new();
    for node in document.root_element().descendants() {
        let Node::Text(text) = node.value() else { continue };
        let hidden = node.ancestors().any(|a| {
            a.value().as_element().is_some_and(|e| {
                let style = e.attr("style").unwrap_or_default().replace(' ', "").to_lowercase();
                matches!(e.name(), "script" | "style")
                    || e.attr("hidden").is_some()
                    || style.contains("display:none")
            })
        });
        if !hidden {
            out.extend(text.chars().filter(|c| !c.is_whitespace()));
        }
    }
    out
}

/// The texts (whitespace removed) of every element named in `names` that is not inside another
/// one (`<b><b>x</b></b>` is one bold `x`), sorted; empty ones left out.
fn texts_of(html: &str, names: &[&str]) -> Vec<String> {
    let document = Html::parse_fragment(html);
    let named = |e: &ElementRef<'_>| names.contains(&e.value().name());
    let mut texts: Vec<String> = document
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| named(e) && !e.ancestors().filter_map(ElementRef::wrap).any(|a| named(&a)))
        .map(|e| {
            e.text().flat_map(|t| t.chars()).filter(|c| !c.is_whitespace()).collect::<String>()
        })
        .filter(|t| !t.is_empty())
        .collect();
    texts.sort();
    texts
}

/// Output hygiene every conversion must have.
fn assert_clean(markdown: &str) {
    if markdown.is_empty() {
        return;
    }
    assert!(markdown.ends_with('\n') && !markdown.ends_with("\n\n"), "{markdown:?}");
    assert!(!markdown.starts_with('\n'), "{markdown:?}");
    for line in markdown.lines() {
        assert_eq!(line, line.trim_end_matches([' ', '\t']), "trailing whitespace in {markdown:?}");
    }
}

/// Converts, renders the Markdown with gloss's own renderer, and checks that a reader sees the
/// same text with the same bold, italic and struck-through parts.
fn round_trip(html: &str, base: Option<&Url>) -> String {
    let markdown = html_to_markdown(html, base);
    assert_clean(&markdown);
    let rendered = crate::markdown::render(&markdown).html;
    let context = format!("\nhtml: {html}\nmarkdown:\n{markdown}\nrendered:\n{rendered}");
    assert_eq!(visible(html), visible(&rendered), "visible text differs{context}");
    for names in [&["b", "strong"][..], &["i", "em"], &["s", "strike", "del"]] {
        assert_eq!(texts_of(html, names), texts_of(&rendered, names), "{names:?} differ{context}");
    }
    markdown
}

fn render(markdown: &str) -> String {
    crate::markdown::render(markdown).html
}

#[test]
fn seed_article_round_trips() {
    let markdown = round_trip(seed_body(), Some(&base()));
    // The original image, not the thumbnail; the caption as the title.
    assert!(markdown.starts_with(
        "![사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO(샘 올트먼 CEO X 갈무리)](https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070116699lvuf.jpg \"사티야 나델라"
    ), "{markdown}");
    assert!(!markdown.contains("img3.daumcdn.net"), "{markdown}");
    // Ordinary Korean punctuation is left alone.
    assert!(
        markdown
            .contains("\n\n(서울=뉴스1) 김민석 기자 = 마이크로소프트(MS)와 오픈AI 간 '6년 동맹'이"),
        "{markdown}"
    );
    assert!(markdown.contains("30~35% 지분"), "{markdown}");
    // The glossary box: `<br><br>` separates paragraphs, a single `<br>` is a hard break.
    assert!(
        markdown.contains("\n\n**<용어설명>**\n\n■ 생각 사슬\\\n인공지능(AI) 언어모델이"),
        "{markdown}"
    );
    let html = render(&markdown);
    assert_eq!(html.matches("<figure").count(), 3, "{html}");
    assert!(html.contains("<figcaption>사티야 나델라 MS CEO(왼쪽)과 샘 올트먼 오픈AI CEO(샘 올트먼 CEO X 갈무리)</figcaption>"), "{html}");
    insta::assert_snapshot!("seed_article", markdown);
}

#[test]
fn seed_article_feeds_the_body_splitter() {
    let markdown = html_to_markdown(seed_body(), Some(&base()));
    let parts = crate::import::body::split_parts(&markdown);
    let terms: Vec<&str> = parts.glossary.iter().map(|t| t.term.as_str()).collect();
    assert_eq!(terms, ["생각 사슬", "AGI", "API"], "{markdown}");
    assert_eq!(parts.byline.agency.as_deref(), Some("뉴스1"));
}

#[test]
fn bold_before_a_korean_particle_still_renders_bold() {
    let markdown = round_trip("<p><b>마크다운(Markdown)</b>을 쓴다</p>", None);
    assert_eq!(markdown, "<strong>마크다운(Markdown)</strong>을 쓴다\n");
    assert!(render(&markdown).contains("<strong>마크다운(Markdown)</strong>을"));

    let markdown = round_trip("<p>그는 <em>“인공지능”</em>이라고 <b>말했다</b>.</p>", None);
    assert_eq!(markdown, "그는 <em>“인공지능”</em>이라고 **말했다**.\n");
    // Where `*` works, it is used.
    assert_eq!(
        round_trip("<p>이것은 <b>굵게</b> 쓴 <i>글</i>이다</p>", None),
        "이것은 **굵게** 쓴 *글*이다\n"
    );
}

#[test]
fn emphasis_survives_every_neighbour() {
    let outside = ["", " ", "가", "a", "1", "(", ")", "“", "”", ".", "-", "·", "*", "_", "\\"];
    let inside = ["x", "마크다운", "(x)", "“인용”", "x.", "-1", "a_b", "*", "ⓒ 뉴스1"];
    for tag in ["b", "i", "s"] {
        for before in outside {
            for after in outside {
                for text in inside {
                    round_trip(&format!("<p>{before}<{tag}>{text}</{tag}>{after}</p>"), None);
                }
            }
        }
    }
}

#[test]
fn nested_and_adjacent_emphasis() {
    for html in [
        "<p><b><i>둘 다</i></b></p>",
        "<p><b>굵고 <i>기울임</i></b>이다</p>",
        "<p><i>기울임 <b>굵게</b></i></p>",
        "<p><b>a</b><i>b</i><b>c</b></p>",
        "<p><b>a</b><b>b</b></p>",
        "<p><b><b>겹침</b></b></p>",
        "<p>가<b>나<i>다</i></b>라</p>",
        "<p><s>취소 <b>굵게</b></s>!</p>",
        "<p><b> 공백 </b>뒤</p>",
        "<p>앞<b><br>줄</b></p>",
        "<p><b><a href='https://e.com/'>링크</a></b>를</p>",
    ] {
        round_trip(html, None);
    }
}

#[test]
fn lists_nest_with_their_numbers() {
    let html = "<ol start=\"3\"><li>셋<ul><li>가</li><li>나<ol><li>하나</li><li>둘</li></ol></li></ul></li><li>넷</li></ol>";
    let markdown = round_trip(html, None);
    assert_eq!(markdown, "3. 셋\n   - 가\n   - 나\n     1. 하나\n     2. 둘\n4. 넷\n");
    let rendered = render(&markdown);
    assert!(rendered.contains("<ol start=\"3\">"), "{rendered}");
    assert_eq!(rendered.matches("<ul>").count(), 1, "{rendered}");
    assert_eq!(rendered.matches("<ol").count(), 2, "{rendered}");

    // Paragraphs in items make a loose list; a nested ordered list not starting at 1 still nests.
    let html = "<ul><li><p>첫 문단</p><p>둘째 문단</p></li><li>다음<ol start='5'><li>다섯</li></ol></li></ul>";
    let rendered = render(&round_trip(html, None));
    assert!(rendered.contains("<ol start=\"5\">"), "{rendered}");

    // Two lists in a row stay two lists; stray content in a list is kept.
    let markdown = round_trip(
        "<ul><li>a</li></ul><ul><li>b</li></ul><ol><li>c</li></ol><ol><li>d</li></ol>",
        None,
    );
    let rendered = render(&markdown);
    assert_eq!(rendered.matches("<ul>").count(), 2, "{markdown}");
    assert_eq!(rendered.matches("<ol>").count(), 2, "{markdown}");
    round_trip("<ul>앞<li>a</li><ul><li>중첩</li></ul><li></li><li>b</li></ul>", None);
    // An item starting with a rule.
    round_trip("<ul><li><hr>뒤</li></ul>", None);
}

#[test]
fn simple_tables_become_pipe_tables() {
    let html = "<table><thead><tr><th>항목</th><th align=right>값</th></tr></thead>\
        <tbody><tr><td>A | B</td><td><code>x|y</code></td></tr>\
        <tr><td><b>굵게</b></td><td><a href='/t?a=1|2'>링크</a><br>둘째 줄</td></tr></tbody></table>";
    let markdown = round_trip(html, Some(&base()));
    assert!(
        markdown.starts_with("| 항목 | 값 |\n| --- | ---: |\n| A \\| B | `x\\|y` |\n"),
        "{markdown}"
    );
    let rendered = render(&markdown);
    assert!(rendered.contains("<th>항목</th>"), "{rendered}");
    assert!(rendered.contains("<td>A | B</td>"), "{rendered}");
    assert!(rendered.contains("<code>x|y</code>"), "{rendered}");
    assert!(
        rendered.contains("href=\"https://www.news1.kr/t?a=1%7C2\"")
            || rendered.contains("href=\"https://www.news1.kr/t?a=1|2\""),
        "{rendered}"
    );
}

#[test]
fn layout_tables_are_flattened() {
    // A photo with its caption in a one-column table.
    let html = "<table><tr><td><img src='https://e.com/p.jpg' alt='사진'></td></tr><tr><td>사진 설명</td></tr></table>";
    let markdown = round_trip(html, None);
    assert_eq!(markdown, "![사진](https://e.com/p.jpg)\n\n사진 설명\n");
    // Spanning cells and cells holding blocks.
    let html =
        "<table><tr><td colspan=2>제목</td></tr><tr><td>왼쪽</td><td>오른쪽</td></tr></table>";
    assert_eq!(html_to_markdown(html, None), "제목\n\n왼쪽 오른쪽\n");
    let markdown = round_trip(
        "<table><tr><td><p>하나</p><p>둘</p></td><td>셋</td></tr><tr><td>넷</td><td><ul><li>다섯</li></ul></td></tr></table>",
        None,
    );
    assert!(!render(&markdown).contains("<table>"), "{markdown}");
}

#[test]
fn code_blocks_and_spans_keep_backticks() {
    let html = "<pre><code class=\"language-rust\">let fence = \"```\";\n\n    if a &lt; b { x }   \n</code></pre>";
    let markdown = round_trip(html, None);
    assert_eq!(markdown, "````rust\nlet fence = \"```\";\n\n    if a < b { x }\n````\n");
    let rendered = render(&markdown);
    let code = Html::parse_fragment(&rendered)
        .select(&scraper::Selector::parse("pre > code.language-rust").expect("selector"))
        .map(|c| c.text().collect::<String>())
        .next();
    assert_eq!(code.as_deref(), Some("let fence = \"```\";\n\n    if a < b { x }\n"), "{rendered}");

    assert_eq!(round_trip("<p>실행: <code>a`b</code> 끝</p>", None), "실행: ``a`b`` 끝\n");
    assert_eq!(round_trip("<p><code>`x`</code></p>", None), "`` `x` ``\n");
    assert_eq!(round_trip("<p>a<code> b </code>c</p>", None), "a `b` c\n");
    // A code block inside a list item and a quote.
    round_trip(
        "<ul><li>코드:<pre>line 1\n\nline 3</pre></li></ul><blockquote><pre>q</pre></blockquote>",
        None,
    );
}

#[test]
fn blockquotes_nest() {
    let html = "<blockquote><p>첫 인용</p><blockquote><p>안쪽 <b>인용</b></p></blockquote><p>다시</p></blockquote><p>본문</p>";
    let markdown = round_trip(html, None);
    assert_eq!(markdown, "> 첫 인용\n>\n> > 안쪽 **인용**\n>\n> 다시\n\n본문\n");
    assert_eq!(render(&markdown).matches("<blockquote>").count(), 2);
}

#[test]
fn links_are_made_absolute_or_reduced_to_text() {
    let html = "<p><a href=\"/news/1?a=1&amp;b=2\">기사</a> <a href=\"../x y.html\">공백</a> \
        <a href=\"#top\">위로</a> <a href=\"\">빈</a> <a>이름만</a> <a href=\"javascript:alert(1)\">x</a> \
        <a href=\" JaVa&#x09;Script:alert(1)\">y</a> <a href=\"data:text/html,hi\">z</a> \
        <a href=\"mailto:a@b.kr\">메일</a> <a href=\"//cdn.e.com/f\">프로토콜</a></p>";
    let markdown = round_trip(html, Some(&base()));
    assert_eq!(
        markdown,
        "[기사](https://www.news1.kr/news/1?a=1&b=2) [공백](https://www.news1.kr/it-science/x%20y.html) \
         위로 빈 이름만 x y z [메일](mailto:a@b.kr) [프로토콜](https://cdn.e.com/f)\n"
    );
    // Awkward destinations are bracketed or escaped.
    let e = Url::parse("https://e.com/").unwrap();
    let link = |href: &str| html_to_markdown(&format!("<a href='{href}'>x</a>"), Some(&e));
    assert_eq!(link("a b(.html"), "[x](https://e.com/a%20b\\(.html)\n");
    let unresolved = html_to_markdown("<a href='https://e.com/a b(.html'>x</a>", None);
    assert_eq!(unresolved, "[x](<https://e.com/a b(.html>)\n");
    assert_eq!(link("https://e.com/w(x"), "[x](https://e.com/w\\(x)\n");
    assert_eq!(link("/wiki/A_(b)"), "[x](https://e.com/wiki/A_(b))\n");
    // A link inside link text cannot nest in Markdown; the brackets in its text are escaped.
    round_trip(
        "<p><a href='https://e.com/'>[속보] <b>대형</b> 사고</a>!<a href='https://e.com/2'>둘</a></p>",
        None,
    );
}

#[test]
fn daum_thumbnails_give_the_original_image() {
    let html = "<p><img src=\"https://img3.daumcdn.net/thumb/R658x0.q70/?fname=https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070116699lvuf.jpg\" alt=\"사진\"></p>";
    assert_eq!(
        html_to_markdown(html, Some(&base())),
        "![사진](https://t1.daumcdn.net/news/202508/17/NEWS1/20250817070116699lvuf.jpg)\n"
    );
    // Percent-encoded inner URLs too.
    let html = "<img src=\"https://search.pstatic.net/common/?src=https%3A%2F%2Fimgnews.pstatic.net%2Fimage%2F1.jpg&type=w647\">";
    assert_eq!(html_to_markdown(html, None), "![](https://imgnews.pstatic.net/image/1.jpg)\n");
    // A query that is not a wrapped image stays.
    let html = "<img src=\"https://e.com/a.jpg?ref=https://e.com/page\">";
    assert_eq!(html_to_markdown(html, None), "![](https://e.com/a.jpg?ref=https://e.com/page)\n");
}

#[test]
fn original_images_are_preferred_and_junk_images_dropped() {
    let cases = [
        (
            "<img src='data:image/gif;base64,R0lGOD' data-src='/img/full.jpg' alt='a'>",
            "![a](https://www.news1.kr/img/full.jpg)\n",
        ),
        (
            "<img src='thumb.jpg' data-original='orig.jpg'>",
            "![](https://www.news1.kr/it-science/general-it/orig.jpg)\n",
        ),
        (
            "<img src='s.jpg' srcset='s.jpg 320w, l.jpg 1280w, m.jpg 640w'>",
            "![](https://www.news1.kr/it-science/general-it/l.jpg)\n",
        ),
        (
            "<img srcset='a.jpg, b.jpg 2x'>",
            "![](https://www.news1.kr/it-science/general-it/b.jpg)\n",
        ),
        ("<img src='data:image/png;base64,AAAA'>", ""),
        ("<img src='javascript:alert(1)'>", ""),
        ("<img src='https://t.e.com/p.gif' width='1' height='1'>", ""),
        ("<img src='https://t.e.com/p.gif' style='width:1px;height:1px'>", ""),
        ("<img src=''>", ""),
    ];
    for (html, expected) in cases {
        assert_eq!(html_to_markdown(html, Some(&base())), expected, "{html}");
    }
    // Images side by side each become a figure; an image within text stays inline.
    let e = Url::parse("https://e.com/").unwrap();
    assert_eq!(
        html_to_markdown("<p><img src='a.jpg'> <img src='b.jpg'></p>", Some(&e)),
        "![](https://e.com/a.jpg)\n\n![](https://e.com/b.jpg)\n"
    );
    assert_eq!(
        html_to_markdown("<p>아이콘 <img src='i.png' alt='i'> 설명</p>", Some(&e)),
        "아이콘 ![i](https://e.com/i.png) 설명\n"
    );
}

#[test]
fn figure_captions_with_quotes() {
    let html = "<figure><a href='big.jpg'><img src='https://e.com/a.jpg' alt=''></a>\
        <figcaption>  그는 \"AI는   도구\" \\ 라고 &amp;amp; 말했다 </figcaption><span>ⓒ 뉴스1</span></figure>";
    let markdown = round_trip(html, None);
    assert_eq!(
        markdown,
        "![그는 \"AI는 도구\" \\\\ 라고 \\&amp; 말했다 ⓒ 뉴스1](https://e.com/a.jpg \"그는 \\\"AI는 도구\\\" \\\\ 라고 \\&amp; 말했다 ⓒ 뉴스1\")\n"
    );
    let rendered = render(&markdown);
    assert!(
        rendered.contains(
            "<figcaption>그는 &quot;AI는 도구&quot; \\ 라고 &amp;amp; 말했다 ⓒ 뉴스1</figcaption>"
        ),
        "{rendered}"
    );
    assert!(
        rendered.contains("alt=\"그는 &quot;AI는 도구&quot; \\ 라고 &amp;amp; 말했다 ⓒ 뉴스1\""),
        "{rendered}"
    );
    // An alt of its own is kept; a figure with two images is read as ordinary content.
    let e = Url::parse("https://e.com/").unwrap();
    assert_eq!(
        html_to_markdown(
            "<figure><img src='a.jpg' alt='대체'><figcaption>설명</figcaption></figure>",
            Some(&e)
        ),
        "![대체](https://e.com/a.jpg \"설명\")\n"
    );
    assert_eq!(
        html_to_markdown(
            "<figure><img src='a.jpg'><img src='b.jpg'><figcaption>둘</figcaption></figure>",
            Some(&e)
        ),
        "![](https://e.com/a.jpg)\n\n![](https://e.com/b.jpg)\n\n둘\n"
    );
}

#[test]
fn hostile_input_is_defused() {
    let html = "<p onclick=\"steal()\">안녕<script>alert(1)</script><style>p{color:red}</style></p>\
        <a href=\"javascript:alert(1)\">x</a><img src=x onerror=alert(1)><iframe src='https://evil'>f</iframe>\
        <form><input value='v'><button>보내기</button></form><noscript>nos</noscript><template>t</template>\
        <svg><text>s</text></svg><object>o</object><nav>메뉴</nav><!-- 주석 --><textarea>ta</textarea>";
    let markdown = html_to_markdown(html, None);
    assert_eq!(markdown, "안녕\n\nx\n");
    let rendered = render(&markdown);
    for bad in ["alert", "script", "onerror", "onclick", "javascript", "iframe", "evil"] {
        assert!(!markdown.contains(bad) && !rendered.contains(bad), "{bad}: {markdown}");
    }
    // Markup inside text stays text.
    let markdown = round_trip(
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=y&gt;</p>",
        None,
    );
    assert!(!render(&markdown).contains("<script"), "{markdown}");
}

#[test]
fn hidden_elements_are_dropped() {
    let html = "<p>보임<span hidden>숨김1</span><span aria-hidden=\"true\">숨김2</span>\
        <span style=\"color: red; DISPLAY : none !important\">숨김3</span>\
        <span style=\"visibility:hidden\">숨김4</span><span aria-hidden=\"false\">보임2</span></p>\
        <div style=\"display:none\"><p>숨은 문단</p></div>";
    assert_eq!(html_to_markdown(html, None), "보임보임2\n");
}

#[test]
fn whitespace_is_collapsed_and_breaks_kept() {
    let html = "<div>\n  <p>  첫째&nbsp;&nbsp;줄\n\t이어짐 </p>\n<p> &nbsp; </p><p></p>\
        <div>둘째<br>셋째<br> <br>넷째<br></div><span>인라인만</span> 있는 div</div>";
    let markdown = round_trip(html, None);
    assert_eq!(markdown, "첫째 줄 이어짐\n\n둘째\\\n셋째\n\n넷째\n\n인라인만 있는 div\n");
}

#[test]
fn transparent_containers_and_blocks_inside_inlines() {
    let html = "<section><article><font color=red><center>가운데</center></font><main><span>\
        <div>스팬 속 div</div></span></main><aside>곁글</aside><x-custom>사용자 태그</x-custom></article></section>";
    assert_eq!(round_trip(html, None), "가운데\n\n스팬 속 div\n\n곁글\n\n사용자 태그\n");
    // A bold span holding a paragraph keeps the bold on the text around it.
    let markdown = html_to_markdown("<div>앞 <b>굵은 <div>블록</div> 꼬리</b> 끝</div>", None);
    assert_eq!(markdown, "앞 **굵은**\n\n블록\n\n**꼬리** 끝\n");
    // Superscripts, subscripts and strikes.
    assert_eq!(
        round_trip("<p>H<sub>2</sub>O, 10<sup>3</sup>, <del>옛</del> 새</p>", None),
        "H2O, 103, ~~옛~~ 새\n"
    );
}

#[test]
fn text_that_looks_like_markdown_is_escaped() {
    let cases = [
        ("<p># 제목 아님</p>", "\\# 제목 아님\n"),
        ("<p>#해시태그</p>", "#해시태그\n"),
        ("<p>- 목록 아님</p>", "\\- 목록 아님\n"),
        ("<p>-30도</p>", "-30도\n"),
        ("<p>+ 더하기</p>", "\\+ 더하기\n"),
        ("<p>1. 순서 아님</p>", "1\\. 순서 아님\n"),
        ("<p>2025. 8. 17.</p>", "2025\\. 8. 17.\n"),
        ("<p>&gt; 인용 아님</p>", "\\> 인용 아님\n"),
        ("<p>a &gt; b</p>", "a > b\n"),
        ("<p>*별* _밑줄_ snake_case</p>", "\\*별\\* \\_밑줄\\_ snake_case\n"),
        ("<p>[서울=뉴스1] 기자</p>", "[서울=뉴스1] 기자\n"),
        (
            "<p>[링크](http://x) ![그림](y) [^1] [ ] 항목</p>",
            "[링크\\](http://x) \\![그림\\](y) \\[^1] [ ] 항목\n",
        ),
        ("<p>[ ] 할 일</p>", "\\[ ] 할 일\n"),
        ("<p>&lt;div&gt; &lt;용어&gt; a&lt;b 1 &lt; 2</p>", "\\<div> <용어> a\\<b 1 < 2\n"),
        ("<p>`코드` \\ | ~</p>", "\\`코드\\` \\\\ \\| ~\n"),
        ("<p>3~4일, 10~20%</p>", "3\\~4일, 10\\~20%\n"),
        ("<p>&amp;copy; AT&amp;T &amp;#65;</p>", "\\&copy; AT&T \\&#65;\n"),
        (
            "<p>MS는 'GPT-5'가 출시되자 (약 137억 5000만 달러·약 19조 원). \"인용\"!</p>",
            "MS는 'GPT-5'가 출시되자 (약 137억 5000만 달러·약 19조 원). \"인용\"!\n",
        ),
        (
            "<p>첫 줄<br>===<br>---<br>2) 둘<br>&gt;</p>",
            "첫 줄\\\n\\===\\\n\\---\\\n2\\) 둘\\\n\\>\n",
        ),
    ];
    for (html, expected) in cases {
        assert_eq!(round_trip(html, None), expected, "{html}");
    }
}

#[test]
fn headings_keep_their_level() {
    let html = "<h1>큰 제목</h1><h3>C# #</h3><h2>속성 아님 {#id}</h2><h4>줄<br>바꿈 <a href='https://e.com/'>링크</a></h4><h5> </h5>";
    let markdown = round_trip(html, None);
    assert_eq!(
        markdown,
        "# 큰 제목\n\n### C# \\#\n\n## 속성 아님 {#id\\}\n\n#### 줄 바꿈 [링크](https://e.com/)\n"
    );
    // The text survives as text (the site then fits the levels into its outline, #24).
    let rendered = render(&markdown);
    assert!(rendered.contains(">C# #</h"), "{rendered}");
    assert!(rendered.contains(">속성 아님 {#id}</h"), "{rendered}");
    assert_eq!(html_to_markdown("<hr><p>a</p><hr>", None), "---\n\na\n\n---\n");
}

#[test]
fn empty_and_odd_input_never_panics() {
    for html in [
        "",
        " ",
        "<",
        ">",
        "<<>>",
        "&",
        "&#0;",
        "<a href=",
        "<table><td>",
        "<ul><li><ol>",
        "</p></div>",
        "<p>\u{0}\u{7}\u{feff}</p>",
        "<img>",
        "<img src>",
        "<figure></figure>",
        "<figure><figcaption>c</figcaption></figure>",
        "<pre></pre>",
        "<table></table>",
        "<ol start='-5'><li>a</li></ol>",
        "<ol start='99999999999'><li>a</li><li>b</li></ol>",
        "<h7>x</h7>",
        "<b></b><i> </i>",
        "<a href='https://e.com/'> </a>",
        "<code></code>",
        "<blockquote> </blockquote>",
        "<math><mi>x</mi></math>",
        "<br><br><br>",
        "<p>\r\n\r\n</p>",
        "<td colspan=999999999999>x</td>",
    ] {
        let markdown = html_to_markdown(html, None);
        assert_clean(&markdown);
        let _ = render(&markdown);
    }
    assert_eq!(html_to_markdown("<b></b><i> </i><p>&nbsp;</p>", None), "");
    assert_eq!(html_to_markdown("<ol start='-5'><li>a</li></ol>", None), "0. a\n");
}

/// Whether a big recursion runs on a thread with the default test stack.
fn converts_on_small_stack(html: String) -> String {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || html_to_markdown(&html, None))
        .expect("thread")
        .join()
        .expect("no stack overflow or panic")
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    const N: usize = 100_000;
    // html5ever parses nested inline elements and tables quickly.
    let spans = format!("{}깊다{}", "<span>".repeat(N), "</span>".repeat(N));
    assert_eq!(converts_on_small_stack(spans), "깊다\n");
    let bold = format!("{}굵다{}", "<b><i>".repeat(N / 2), "</i></b>".repeat(N / 2));
    assert!(converts_on_small_stack(bold).contains("굵다"));
    let tables =
        format!("{}칸{}", "<table><tr><td>".repeat(N / 3), "</td></tr></table>".repeat(N / 3));
    assert!(converts_on_small_stack(tables).contains('칸'));
    // Nested divs, quotes, lists and links: html5ever itself is quadratic in their depth (100 000
    // nested `<div>` take about a minute to parse), so fewer.
    let links =
        format!("{}링크{}", "<a href='https://e.com/'><em>".repeat(1500), "</em></a>".repeat(1500));
    assert!(converts_on_small_stack(links).contains("링크"));
    for (open, close) in
        [("<div>", "</div>"), ("<blockquote>", "</blockquote>"), ("<ul><li>", "</li></ul>")]
    {
        let html = format!("{}바닥{}", open.repeat(3000), close.repeat(3000));
        assert!(converts_on_small_stack(html).contains("바닥"), "{open}");
    }
}

#[test]
fn nesting_just_under_the_limit_renders() {
    // Each level recurses through the reader and the writer, in a debug build, on 2 MiB.
    let depth = MAX_DEPTH - 10;
    let quotes = format!("{}인용{}", "<blockquote>".repeat(depth), "</blockquote>".repeat(depth));
    let markdown = converts_on_small_stack(quotes);
    assert!(markdown.starts_with(&"> ".repeat(depth)), "{markdown}");
    let depth = MAX_DEPTH / 2 - 10;
    let lists = format!("{}항목{}", "<ol><li>".repeat(depth), "</li></ol>".repeat(depth));
    let markdown = converts_on_small_stack(lists);
    assert!(markdown.trim_end().ends_with("1. 항목"), "{markdown}");
    let mixed = format!(
        "{}끝{}",
        "<div><b><ul><li><table><tr><td>".repeat(MAX_DEPTH / 7),
        "</td></tr></table></li></ul></b></div>".repeat(MAX_DEPTH / 7)
    );
    assert!(converts_on_small_stack(mixed).contains('끝'));
}

/// A small deterministic generator of random but valid article HTML with tricky text.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }

    fn text(&mut self) -> &'static str {
        const WORDS: &[&str] = &[
            "마크다운",
            "을",
            "를",
            "이다",
            " ",
            "  ",
            "가나",
            "abc",
            "*",
            "_",
            "`",
            "[",
            "]",
            "(",
            ")",
            "#",
            "- ",
            "1. ",
            "&lt;",
            "&gt;",
            "&lt;a&gt;",
            "&amp;",
            "&amp;copy;",
            "|",
            "\\",
            "~",
            "!",
            "'",
            "\"",
            ".",
            ",",
            "“",
            "”",
            "·",
            "ⓒ",
            "&nbsp;",
            "\n",
            "x_y",
            "30~40%",
            "=",
        ];
        WORDS[self.below(WORDS.len())]
    }

    fn inline(&mut self, depth: usize, out: &mut String) {
        for _ in 0..1 + self.below(4) {
            match if depth > 3 { 0 } else { self.below(11) } {
                0..=2 => out.push_str(self.text()),
                3 => self.wrap("b", depth, out),
                4 => self.wrap("em", depth, out),
                5 => self.wrap("s", depth, out),
                6 => {
                    out.push_str("<a href=\"https://e.com/x\">");
                    self.inline(depth + 1, out);
                    out.push_str("</a>");
                }
                7 => {
                    out.push_str("<code>");
                    out.push_str(self.text());
                    out.push_str("</code>");
                }
                8 => out.push_str(if self.below(2) == 0 { "<br>" } else { "<span>·</span>" }),
                9 => self.wrap("i", depth, out),
                _ => {
                    let alt = self.text().replace('"', "&quot;");
                    out.push_str(&format!(
                        "<img src=\"https://e.com/{}.jpg\" alt=\"{alt}\">",
                        self.below(9)
                    ));
                }
            }
        }
    }

    fn wrap(&mut self, tag: &str, depth: usize, out: &mut String) {
        out.push_str(&format!("<{tag}>"));
        self.inline(depth + 1, out);
        out.push_str(&format!("</{tag}>"));
    }

    fn block(&mut self, depth: usize, out: &mut String) {
        match if depth > 2 { 0 } else { self.below(9) } {
            0 | 1 => {
                out.push_str("<p>");
                self.inline(0, out);
                out.push_str("</p>");
            }
            2 => {
                out.push_str("<h2>");
                self.inline(0, out);
                out.push_str("</h2>");
            }
            3 | 4 => {
                let tag = if self.below(2) == 0 { "ul" } else { "ol" };
                out.push_str(&format!("<{tag}>"));
                for _ in 0..1 + self.below(3) {
                    out.push_str("<li>");
                    if self.below(2) == 0 {
                        self.inline(0, out);
                    } else {
                        self.block(depth + 1, out);
                    }
                    out.push_str("</li>");
                }
                out.push_str(&format!("</{tag}>"));
            }
            7 => {
                out.push_str("<table>");
                // A grid (a pipe table), or one column (paragraphs).
                let columns = 1 + self.below(3);
                for _ in 0..2 + self.below(2) {
                    out.push_str("<tr>");
                    for _ in 0..columns {
                        out.push_str("<td>");
                        self.inline(1, out);
                        out.push_str("</td>");
                    }
                    out.push_str("</tr>");
                }
                out.push_str("</table>");
            }
            8 => {
                out.push_str("<pre>");
                for _ in 0..1 + self.below(6) {
                    out.push_str(self.text());
                }
                out.push_str("</pre>");
            }
            5 => {
                out.push_str("<blockquote>");
                self.block(depth + 1, out);
                self.block(depth + 1, out);
                out.push_str("</blockquote>");
            }
            _ => {
                out.push_str("<div>");
                self.inline(0, out);
                self.block(depth + 1, out);
                out.push_str("</div>");
            }
        }
    }
}

#[test]
fn random_articles_round_trip() {
    // GLOSS_RANDOM_CASES=100000 GLOSS_RANDOM_SEED=7 for a longer, different run.
    let cases =
        std::env::var("GLOSS_RANDOM_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1500);
    let seed =
        std::env::var("GLOSS_RANDOM_SEED").ok().and_then(|n| n.parse().ok()).unwrap_or(0x5eed);
    let mut random = Random(seed);
    for _ in 0..cases {
        let mut html = String::new();
        for _ in 0..1 + random.below(3) {
            random.block(0, &mut html);
        }
        round_trip(&html, None);
    }
}

#[test]
fn mixed_article_snapshot() {
    let html = r#"
        <div class="article_body">
          <h2>요약 <small>(업데이트)</small></h2>
          <p>첫 문단에는 <strong>굵은 글씨(Bold)</strong>와 <em>기울임</em>, <a href="/related/42" data-track="x">관련 기사</a>가 있다.</p>
          <ul><li>첫째</li><li>둘째<ol start="2"><li>하위 둘</li><li>하위 셋</li></ol></li></ul>
          <table><tr><th>지표</th><th>값</th></tr><tr><td>성장률</td><td>2.5%</td></tr></table>
          <blockquote><p>"AI는 도구다" — 올트먼</p></blockquote>
          <pre><code>cargo run -- build</code></pre>
          <figure><img data-src="/photos/1.jpg" src="/blank.gif" alt="현장"><figcaption>현장 사진 ⓒ 뉴스1</figcaption></figure>
          <p class="ad" style="display:none">광고</p>
        </div>"#;
    let markdown = round_trip(html, Some(&base()));
    insta::assert_snapshot!("mixed_article", markdown);
}

#[test]
fn korean_emphasis_snapshot() {
    let html = "<p><b>마크다운(Markdown)</b>을 쓴다. <b>생각 사슬</b>은 <i>‘chain-of-thought’</i>라 부른다. \
        <b>GPT-5</b>가 나왔고 <b>'스타게이트'</b>도 있다. 값은 <b>30%</b>다. <s>철회(취소)</s>됨.</p>";
    let markdown = round_trip(html, None);
    insta::assert_snapshot!("korean_emphasis", markdown);
}

#[test]
fn random_tag_soup_never_panics() {
    const TOKENS: &[&str] = &[
        "<b>",
        "</b>",
        "<i>",
        "</em>",
        "<s>",
        "<a href='/x'>",
        "</a>",
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<ul>",
        "<ol start=0>",
        "<li>",
        "</li>",
        "</ul>",
        "<table>",
        "<tr>",
        "<td colspan=2>",
        "<th>",
        "</table>",
        "<pre>",
        "</pre>",
        "<code>",
        "</code>",
        "<blockquote>",
        "<h1>",
        "</h3>",
        "<figure>",
        "<figcaption>",
        "</figure>",
        "<img src='a.jpg' alt='\"'>",
        "<img data-src=''>",
        "<br>",
        "<hr>",
        "<script>",
        "</script>",
        "<!--",
        "-->",
        "<span hidden>",
        "</span>",
        "텍스트",
        " ",
        "\n",
        "*",
        "_",
        "`",
        "```",
        "[",
        "](",
        "\\",
        "&amp;",
        "&lt;",
        "~~",
        "#",
        "> ",
        "1. ",
        "|",
        "\u{a0}",
        "\u{3000}",
        "<",
        ">",
        "\"",
        "<![CDATA[",
        "<svg>",
        "<math>",
        "<select>",
    ];
    let mut random = Random(42);
    for _ in 0..3000 {
        let html: String =
            (0..random.below(40)).map(|_| TOKENS[random.below(TOKENS.len())]).collect();
        let markdown = html_to_markdown(&html, Some(&base()));
        assert_clean(&markdown);
        let _ = render(&markdown);
    }
}

// See: #18
#[test]
fn page_text_never_forms_a_glossary_link() {
    // `[[x]]` names a glossary term in gloss's Markdown; a page's text must read as written.
    for text in ["[[Seoul]]", "[[[서울]]]", "[[a|b]] and [[", "x[[y]]z", "[ [a] ]"] {
        let markdown = round_trip(&format!("<p>{text}</p>"), None);
        let events = pulldown_cmark::Parser::new_ext(&markdown, crate::markdown::options());
        let wikilinks = events
            .filter(|e| {
                matches!(
                    e,
                    pulldown_cmark::Event::Start(pulldown_cmark::Tag::Link {
                        link_type: pulldown_cmark::LinkType::WikiLink { .. },
                        ..
                    })
                )
            })
            .count();
        assert_eq!(wikilinks, 0, "{text} → {markdown}");
    }
    // Next to a link, and inside link text.
    let e = Url::parse("https://e.com/").unwrap();
    let markdown = html_to_markdown("<p>[<a href='/a'>[x]]</a>]]</p>", Some(&e));
    assert_eq!(markdown, "\\[[\\[x\\]\\]](https://e.com/a)]]\n");
}

// See: #18
#[test]
fn without_the_pages_url_relative_links_keep_their_text_and_relative_images_go() {
    let html = "<p><a href='notes.md'>노트</a>, <a href='/about'>소개</a>, <a href='#c'>댓글</a>, \
        <a href='?page=2'>다음</a>, <a href='https://e.com/x'>밖</a>, <a href='mailto:a@e.com'>메일</a></p>\
        <figure><img src='photo.jpg' alt='사진'><figcaption>서울 시청 앞</figcaption></figure>\
        <p><img src='/icon.png' alt='아이콘'> 본문</p>";
    assert_eq!(
        html_to_markdown(html, None),
        "노트, 소개, 댓글, 다음, [밖](https://e.com/x), [메일](mailto:a@e.com)\n\n서울 시청 앞\n\n본문\n"
    );
    // With it, everything is absolute: `src`, `srcset` and the lazy loaders' attributes.
    let base = Url::parse("https://news.example/2025/05/article.html").unwrap();
    let html = "<p><a href='notes.md'>노트</a> <a href='#c'>댓글</a></p>\
        <p><img data-src='/img/a.jpg' src='blank.gif'></p><p><img srcset='s.jpg 300w, l.jpg 900w'></p>";
    assert_eq!(
        html_to_markdown(html, Some(&base)),
        "[노트](https://news.example/2025/05/notes.md) 댓글\n\n![](https://news.example/img/a.jpg)\n\n\
         ![](https://news.example/2025/05/l.jpg)\n"
    );
}
