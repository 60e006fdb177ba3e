//! A plain, forgiving HTML-to-text conversion for documents given as `html`.
//!
//! Drops `<script>`, `<style>`, `<head>` and comments, breaks lines at block
//! elements, decodes entities, and never fails: broken markup gives the text
//! it can. (Main-text extraction with boilerplate removal belongs to ingest.)

/// The visible text of an HTML page, one block per line.
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, &rest[..lt]);
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |e| &after[e + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unclosed tag at the end: drop it.
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if !tag.starts_with('/')
            && matches!(name.as_str(), "script" | "style" | "head" | "noscript" | "template")
        {
            // Skip to the matching close tag, whatever its case.
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |e| {
                let r = &rest[e..];
                r.find('>').map_or("", |g| &r[g + 1..])
            });
            continue;
        }
        if matches!(
            name.as_str(),
            "p" | "div"
                | "br"
                | "li"
                | "ul"
                | "ol"
                | "tr"
                | "table"
                | "section"
                | "article"
                | "header"
                | "footer"
                | "blockquote"
                | "h1"
                | "h2"
                | "h3"
                | "h4"
                | "h5"
                | "h6"
                | "title"
                | "figcaption"
                | "dd"
                | "dt"
                | "pre"
                | "hr"
        ) && !out.ends_with('\n')
            && !out.is_empty()
        {
            out.push('\n');
        }
    }
    push_text(&mut out, rest);
    let lines: Vec<String> = out
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect();
    lines.join("\n")
}

fn find_ascii_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    (0..hay.len().saturating_sub(n - 1)).find(|&i| {
        hay.is_char_boundary(i) && hay.get(i..i + n).is_some_and(|s| s.eq_ignore_ascii_case(needle))
    })
}

fn push_text(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| c == ';' || c.is_whitespace() || c == '&').map(|e| e + 1);
        match end.filter(|&e| rest[e..].starts_with(';')).and_then(|e| decode(&rest[1..e]).map(|c| (c, e))) {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

fn decode(entity: &str) -> Option<char> {
    if let Some(num) = entity.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse().ok()?,
        };
        return char::from_u32(code);
    }
    const NAMED: &[(&str, char)] = &[
        ("amp", '&'),
        ("lt", '<'),
        ("gt", '>'),
        ("quot", '"'),
        ("apos", '\''),
        ("nbsp", '\u{a0}'),
        ("laquo", '«'),
        ("raquo", '»'),
        ("rsquo", '’'),
        ("lsquo", '‘'),
        ("ldquo", '“'),
        ("rdquo", '”'),
        ("hellip", '…'),
        ("ndash", '–'),
        ("mdash", '—'),
        ("eacute", 'é'),
        ("egrave", 'è'),
        ("ecirc", 'ê'),
        ("euml", 'ë'),
        ("agrave", 'à'),
        ("acirc", 'â'),
        ("ccedil", 'ç'),
        ("icirc", 'î'),
        ("iuml", 'ï'),
        ("ocirc", 'ô'),
        ("ugrave", 'ù'),
        ("ucirc", 'û'),
        ("uuml", 'ü'),
        ("Eacute", 'É'),
        ("Egrave", 'È'),
        ("Agrave", 'À'),
        ("Ccedil", 'Ç'),
        ("oelig", 'œ'),
        ("deg", '°'),
        ("euro", '€'),
        ("copy", '©'),
    ];
    NAMED.iter().find(|(n, _)| *n == entity).map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_visible_text() {
        let html = "<html><head><title>T</title><script>var x = '<p>';</script></head>\
                    <body><h1>Alep&nbsp;: l&#39;assaut</h1><p>Selon &laquo;assafir&raquo;, 800 &amp; plus.<br>Fin";
        assert_eq!(html_to_text(html), "Alep : l'assaut\nSelon «assafir», 800 & plus.\nFin");
    }

    #[test]
    fn survives_broken_markup() {
        for html in ["<p>a <b", "<!-- open", "<script>never closed", "a &bogus; b &#xZZ; <", "<", "&", "<<>>"]
        {
            let _ = html_to_text(html);
        }
        assert_eq!(html_to_text("a &bogus; b"), "a &bogus; b");
    }
}
