//! The text layer of sitrep: everything later stages need to read a report
//! without caring how it was typed.
//!
//! [`Text`] analyses a document once: a folded form for matching (lower case,
//! no accents, one kind of apostrophe, quote, dash and space), fine tokens,
//! sentences, words, the language, and a map from byte offsets to the
//! character offsets the record format uses. Nothing here changes the
//! original text: every token and sentence points back into it.
//!
//! ```
//! use sitrep_text::Text;
//!
//! let text = Text::new("Selon M. Roudskoï, l’attaque a été repoussée à Alep.".to_string(), None);
//! assert_eq!(text.language(), Some("fr"));
//! assert_eq!(text.sentences().len(), 1); // "M." does not end the sentence
//! let alep = text.folded().find("alep").unwrap();
//! let tok = text.tokens().iter().position(|t| t.fstart as usize == alep).unwrap();
//! let (start, end) = text.char_span(tok, tok + 1);
//! assert_eq!(text.raw().chars().skip(start).take(end - start).collect::<String>(), "Alep");
//! ```

mod fold;
mod html;
mod lang;
mod memo;
mod numbers;
mod offsets;
mod phrases;
mod sentences;
mod tokens;
mod words;

pub use fold::{Folded, fold};
pub use html::html_to_text;
pub use lang::detect_language;
pub use memo::WordMemo;
pub use numbers::{
    Number, NumberForm, NumberOptions, NumberStarts, number_at, number_words, number_words_any, starts_number,
};
pub use offsets::CharIndex;
pub use phrases::{
    ByHash, HashBits, PhraseStarts, Phrases, PreHashed, WordSet, pair_hash, word_hash, word_hash_is_exact,
};
pub use sentences::Sentence;
pub use tokens::{Token, TokenKind};
pub use words::{NAME_ARTICLES, NameWords, Word, WordKind, is_name_article, name_words};

/// A document's text, analysed once and shared read-only by every stage.
#[derive(Debug, Clone)]
pub struct Text {
    raw: String,
    folded: Folded,
    tokens: Vec<Token>,
    sentences: Vec<Sentence>,
    chars: CharIndex,
    /// Each token's character offsets (start, end exclusive): spans are
    /// mapped back to tokens often, and a search over these is cheap.
    token_chars: Vec<(u32, u32)>,
    /// Where [`Self::token_range`] starts looking: for each block of
    /// characters, the first token that ends after its start.
    token_blocks: Vec<u32>,
    /// Each token's folded text hashed ([`word_hash`]): phrase tables look
    /// words up by it.
    token_hashes: Vec<u64>,
    language: Option<String>,
}

impl Text {
    /// Analyses `raw`. `language` (an ISO 639-1 code, or a tag such as
    /// "fr-FR") is detected when `None`.
    pub fn new(raw: String, language: Option<&str>) -> Self {
        let language = match language.map(str::trim).filter(|l| !l.is_empty()) {
            Some(l) => Some(l.split(['-', '_']).next().unwrap_or(l).to_ascii_lowercase()),
            None => detect_language(&raw).map(str::to_string),
        };
        let folded = Folded::new(&raw);
        let chars = CharIndex::new(&raw);
        let tokens::Tokenized { tokens, chars: token_chars, hashes: token_hashes, blocks: token_blocks } =
            tokens::tokenize(&raw, &folded, &chars);
        let abbr = sentences::abbreviations(language.as_deref());
        let sentences = sentences::split(&raw, folded.as_str(), &tokens, &token_hashes, abbr);
        Text { raw, folded, tokens, sentences, chars, token_chars, token_blocks, token_hashes, language }
    }

    /// The original text.
    #[inline]
    pub fn raw(&self) -> &str {
        &self.raw
    }

    /// The folded text (see [`fold`]).
    #[inline]
    pub fn folded(&self) -> &str {
        self.folded.as_str()
    }

    /// The folded text with its map back to original offsets.
    #[inline]
    pub fn folding(&self) -> &Folded {
        &self.folded
    }

    /// The language: given, or detected; `None` when unknown.
    #[inline]
    pub fn language(&self) -> Option<&str> {
        self.language.as_deref()
    }

    /// All tokens, in order.
    #[inline]
    pub fn tokens(&self) -> &[Token] {
        &self.tokens
    }

    /// The folded text of token `i`.
    #[inline]
    pub fn token_str(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.folded.as_str()[t.fstart as usize..t.fend as usize]
    }

    /// The folded text of token `i` as bytes: what comparisons need,
    /// without the character-boundary checks of slicing a `str`.
    #[inline]
    pub fn token_bytes(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        &self.folded.as_str().as_bytes()[t.fstart as usize..t.fend as usize]
    }

    /// Is token `i` a name article ([`is_name_article`])? Those are two or
    /// three bytes long: most words are told by their length, their text
    /// not read.
    #[inline]
    pub fn is_name_article_at(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        matches!(t.fend - t.fstart, 2 | 3) && words::is_name_article_bytes(self.token_bytes(i))
    }

    /// The hash of token `i`'s folded text ([`word_hash`]).
    #[inline]
    pub fn token_hash(&self, i: usize) -> u64 {
        self.token_hashes[i]
    }

    /// The hash of token `i`'s folded text, or `None` past the end.
    #[inline]
    pub fn token_hash_at(&self, i: usize) -> Option<u64> {
        self.token_hashes.get(i).copied()
    }

    /// Does token `i` start with a capital, or with Arabic script (which has
    /// no case)? What names start with.
    #[inline]
    pub fn capital(&self, i: usize) -> bool {
        let t = &self.tokens[i];
        // U+0600..=U+06FF are exactly the characters whose UTF-8 lead byte is
        // 0xD8..=0xDB: one byte says it, nothing is decoded.
        t.upper || self.raw.as_bytes().get(t.start as usize).is_some_and(|b| (0xD8..=0xDB).contains(b))
    }

    /// The original text of tokens `first..last`.
    #[inline]
    pub fn tokens_raw(&self, first: usize, last: usize) -> &str {
        &self.raw[self.tokens[first].start as usize..self.tokens[last - 1].end as usize]
    }

    /// Sentences, in order; together they cover every token.
    #[inline]
    pub fn sentences(&self) -> &[Sentence] {
        &self.sentences
    }

    /// The index of the sentence holding token `i`.
    #[inline]
    pub fn sentence_of(&self, i: usize) -> usize {
        self.sentences.partition_point(|s| (s.last as usize) <= i)
    }

    /// Words as a reader sees them (see [`Word`]).
    pub fn words(&self) -> Vec<Word> {
        words::words(self, sentences::abbreviations(self.language()))
    }

    /// The character offset of original byte offset `byte`.
    #[inline]
    pub fn char_offset(&self, byte: usize) -> usize {
        self.chars.char_offset(byte)
    }

    /// The tokens that overlap characters `start..end` (a span of the
    /// record), as a token range; `None` when no token does. Spans are
    /// mapped back to tokens often: the first token is looked for from the
    /// one the block of `start` begins with (a step or two, where a binary
    /// search took a dozen dependent loads), then a step to the end (spans
    /// are short).
    pub fn token_range(&self, start: usize, end: usize) -> Option<std::ops::Range<usize>> {
        let tc = &self.token_chars;
        // Tokens before the block's first end at or before the block's
        // start, so at or before `start`; past the last block, all do.
        let mut first = self.token_blocks.get(start / tokens::CHAR_BLOCK).map_or(tc.len(), |&k| k as usize);
        while first < tc.len() && tc[first].1 as usize <= start {
            first += 1;
        }
        let last = if end <= start {
            tc.partition_point(|&(s, _)| (s as usize) < end)
        } else {
            // Tokens before `first` end at or before `start`, so they start
            // before `end`: the step finds what a second search would.
            let mut k = first;
            while k < tc.len() && (tc[k].0 as usize) < end {
                k += 1;
            }
            k
        };
        (first < last).then_some(first..last)
    }

    /// Character offsets (start, end exclusive) of tokens `first..last`.
    #[inline]
    pub fn char_span(&self, first: usize, last: usize) -> (usize, usize) {
        (self.token_chars[first].0 as usize, self.token_chars[last - 1].1 as usize)
    }
}

#[cfg(test)]
mod tests;
