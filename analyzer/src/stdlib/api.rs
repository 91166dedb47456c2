//! What the analysis knows of std, written as Rust: the modules and the names they hold, the
//! types with the fields that decide their drop glue, which of them are `Copy` (`derive`),
//! need drop (`impl Drop`), are not `Send` (`impl !Send`), dereference to something
//! (`impl Deref`), iterate over something (`impl Iterator`), and the signatures of their
//! methods and associated fns. Bodies are empty: only signatures are read. Sizes are not
//! here but in `layout/types.rs`, keyed by the same names.
//!
//! A type's key is its name, or `module::Name` when several modules declare that name
//! (`slice::Iter`, `hash_map::Iter`). `#[futurelens(blanket)]` on a trait means every type
//! has its methods (`clone`, `to_string`, `into`, `eq`...). Extending the model is adding
//! lines here (and, for a new type, its layout in `layout/types.rs` plus a line in the
//! `type_model_matches_rustc` probe).

pub mod option {
    #[derive(Clone, Copy)]
    pub enum Option<T> {
        None,
        Some(T),
    }
    impl<T> Option<T> {
        pub fn is_some(&self) -> bool {}
        pub fn is_none(&self) -> bool {}
        pub fn is_some_and<F: FnOnce(T) -> bool>(self, f: F) -> bool {}
        pub fn is_none_or<F: FnOnce(T) -> bool>(self, f: F) -> bool {}
        pub fn as_ref(&self) -> Option<&T> {}
        pub fn as_mut(&mut self) -> Option<&mut T> {}
        pub fn as_deref(&self) -> Option<&<T as Deref>::Target> {}
        pub fn expect(self, msg: &str) -> T {}
        pub fn unwrap(self) -> T {}
        pub fn unwrap_or(self, default: T) -> T {}
        pub fn unwrap_or_else<F: FnOnce() -> T>(self, f: F) -> T {}
        pub fn unwrap_or_default(self) -> T {}
        pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Option<U> {}
        pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U {}
        pub fn map_or_else<U, D: FnOnce() -> U, F: FnOnce(T) -> U>(self, default: D, f: F) -> U {}
        pub fn inspect<F: FnOnce(&T)>(self, f: F) -> Option<T> {}
        pub fn ok_or<E>(self, err: E) -> Result<T, E> {}
        pub fn ok_or_else<E, F: FnOnce() -> E>(self, err: F) -> Result<T, E> {}
        pub fn and<U>(self, optb: Option<U>) -> Option<U> {}
        pub fn and_then<U, F: FnOnce(T) -> Option<U>>(self, f: F) -> Option<U> {}
        pub fn filter<P: FnOnce(&T) -> bool>(self, predicate: P) -> Option<T> {}
        pub fn or(self, optb: Option<T>) -> Option<T> {}
        pub fn or_else<F: FnOnce() -> Option<T>>(self, f: F) -> Option<T> {}
        pub fn xor(self, optb: Option<T>) -> Option<T> {}
        pub fn insert(&mut self, value: T) -> &mut T {}
        pub fn get_or_insert(&mut self, value: T) -> &mut T {}
        pub fn get_or_insert_with<F: FnOnce() -> T>(&mut self, f: F) -> &mut T {}
        pub fn take(&mut self) -> Option<T> {}
        pub fn take_if<P: FnOnce(&mut T) -> bool>(&mut self, predicate: P) -> Option<T> {}
        pub fn replace(&mut self, value: T) -> Option<T> {}
        pub fn zip<U>(self, other: Option<U>) -> Option<(T, U)> {}
        pub fn iter(&self) -> Iter<'_, T> {}
        pub fn copied(self) -> Option<<T as Deref>::Target> {}
        pub fn cloned(self) -> Option<<T as Deref>::Target> {}
        pub fn flatten(self) -> T {}
        pub fn unwrap_unchecked(self) -> T {}
    }
    impl<T, E> Option<Result<T, E>> {
        pub fn transpose(self) -> Result<Option<T>, E> {}
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Iter<'a, A> {
        inner: Option<&'a A>,
    }
    impl<'a, A> Iterator for Iter<'a, A> {
        type Item = &'a A;
    }
    #[futurelens(layout)]
    pub struct IntoIter<A> {
        inner: Option<A>,
    }
    impl<A> Iterator for IntoIter<A> {
        type Item = A;
    }
    impl<T> IntoIterator for Option<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
    }
}

pub mod result {
    #[derive(Clone, Copy)]
    pub enum Result<T, E> {
        Ok(T),
        Err(E),
    }
    impl<T, E> Result<T, E> {
        pub fn is_ok(&self) -> bool {}
        pub fn is_err(&self) -> bool {}
        pub fn is_ok_and<F: FnOnce(T) -> bool>(self, f: F) -> bool {}
        pub fn is_err_and<F: FnOnce(E) -> bool>(self, f: F) -> bool {}
        pub fn ok(self) -> Option<T> {}
        pub fn err(self) -> Option<E> {}
        pub fn as_ref(&self) -> Result<&T, &E> {}
        pub fn as_mut(&mut self) -> Result<&mut T, &mut E> {}
        pub fn map<U, F: FnOnce(T) -> U>(self, op: F) -> Result<U, E> {}
        pub fn map_or<U, F: FnOnce(T) -> U>(self, default: U, f: F) -> U {}
        pub fn map_or_else<U, D: FnOnce(E) -> U, F: FnOnce(T) -> U>(self, default: D, f: F) -> U {}
        pub fn map_err<F2, O: FnOnce(E) -> F2>(self, op: O) -> Result<T, F2> {}
        pub fn inspect<F: FnOnce(&T)>(self, f: F) -> Result<T, E> {}
        pub fn inspect_err<F: FnOnce(&E)>(self, f: F) -> Result<T, E> {}
        pub fn expect(self, msg: &str) -> T {}
        pub fn unwrap(self) -> T {}
        pub fn unwrap_or_default(self) -> T {}
        pub fn expect_err(self, msg: &str) -> E {}
        pub fn unwrap_err(self) -> E {}
        pub fn and<U>(self, res: Result<U, E>) -> Result<U, E> {}
        pub fn and_then<U, F: FnOnce(T) -> Result<U, E>>(self, op: F) -> Result<U, E> {}
        pub fn or<F2>(self, res: Result<T, F2>) -> Result<T, F2> {}
        pub fn or_else<F2, O: FnOnce(E) -> Result<T, F2>>(self, op: O) -> Result<T, F2> {}
        pub fn unwrap_or(self, default: T) -> T {}
        pub fn unwrap_or_else<F: FnOnce(E) -> T>(self, op: F) -> T {}
        pub fn iter(&self) -> Iter<'_, T> {}
        pub fn copied(self) -> Result<<T as Deref>::Target, E> {}
        pub fn cloned(self) -> Result<<T as Deref>::Target, E> {}
    }
    impl<T, E> Result<Option<T>, E> {
        pub fn transpose(self) -> Option<Result<T, E>> {}
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Iter<'a, T> {
        inner: Option<&'a T>,
    }
    impl<'a, T> Iterator for Iter<'a, T> {
        type Item = &'a T;
    }
}

pub mod boxed {
    pub struct Box<T: ?Sized> {
        pointer: T,
    }
    impl<T: ?Sized> Drop for Box<T> {}
    impl<T> Box<T> {
        pub fn new(x: T) -> Box<T> {}
        pub fn pin(x: T) -> Pin<Box<T>> {}
        pub fn leak(b: Box<T>) -> &'static mut T {}
        pub fn into_inner(boxed: Box<T>) -> T {}
    }
    impl<T: ?Sized> Deref for Box<T> {
        type Target = T;
    }
    impl<T: ?Sized> AsRef<T> for Box<T> {
        fn as_ref(&self) -> &T {}
    }
}

pub mod vec {
    pub struct Vec<T> {
        elements: T,
    }
    impl<T> Drop for Vec<T> {}
    impl<T> Deref for Vec<T> {
        type Target = [T];
    }
    impl<T> IntoIterator for Vec<T> {
        type Item = T;
        type IntoIter = IntoIter<T>;
    }
    impl<T> Vec<T> {
        pub fn new() -> Vec<T> {}
        pub fn from<const N: usize>(array: [T; N]) -> Vec<T> {}
        pub fn with_capacity(capacity: usize) -> Vec<T> {}
        pub fn capacity(&self) -> usize {}
        pub fn reserve(&mut self, additional: usize) {}
        pub fn shrink_to_fit(&mut self) {}
        pub fn into_boxed_slice(self) -> Box<[T]> {}
        pub fn truncate(&mut self, len: usize) {}
        pub fn as_slice(&self) -> &[T] {}
        pub fn as_mut_slice(&mut self) -> &mut [T] {}
        pub fn swap_remove(&mut self, index: usize) -> T {}
        pub fn insert(&mut self, index: usize, element: T) {}
        pub fn remove(&mut self, index: usize) -> T {}
        pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F) {}
        pub fn retain_mut<F: FnMut(&mut T) -> bool>(&mut self, f: F) {}
        pub fn dedup(&mut self) {}
        pub fn dedup_by_key<K, F: FnMut(&mut T) -> K>(&mut self, key: F) {}
        pub fn push(&mut self, value: T) {}
        pub fn pop(&mut self) -> Option<T> {}
        pub fn pop_if<F: FnOnce(&mut T) -> bool>(&mut self, f: F) -> Option<T> {}
        pub fn append(&mut self, other: &mut Vec<T>) {}
        pub fn drain<R>(&mut self, range: R) -> Drain<'_, T> {}
        pub fn clear(&mut self) {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn split_off(&mut self, at: usize) -> Vec<T> {}
        pub fn resize(&mut self, new_len: usize, value: T) {}
        pub fn extend_from_slice(&mut self, other: &[T]) {}
        pub fn into_iter(self) -> IntoIter<T> {}
    }
    pub struct IntoIter<T> {
        elements: T,
    }
    impl<T> Drop for IntoIter<T> {}
    impl<T> Iterator for IntoIter<T> {
        type Item = T;
    }
    pub struct Drain<'a, T> {
        elements: &'a T,
    }
    impl<T> Drop for Drain<'_, T> {}
    impl<T> Iterator for Drain<'_, T> {
        type Item = T;
    }
}

pub mod slice {
    impl<T> [T] {
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn first(&self) -> Option<&T> {}
        pub fn first_mut(&mut self) -> Option<&mut T> {}
        pub fn last(&self) -> Option<&T> {}
        pub fn last_mut(&mut self) -> Option<&mut T> {}
        pub fn split_first(&self) -> Option<(&T, &[T])> {}
        pub fn split_last(&self) -> Option<(&T, &[T])> {}
        pub fn get(&self, index: usize) -> Option<&T> {}
        pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {}
        pub fn iter(&self) -> Iter<'_, T> {}
        pub fn iter_mut(&mut self) -> IterMut<'_, T> {}
        pub fn windows(&self, size: usize) -> Windows<'_, T> {}
        pub fn chunks(&self, chunk_size: usize) -> Chunks<'_, T> {}
        pub fn chunks_mut(&mut self, chunk_size: usize) -> ChunksMut<'_, T> {}
        pub fn split_at(&self, mid: usize) -> (&[T], &[T]) {}
        pub fn split_at_mut(&mut self, mid: usize) -> (&mut [T], &mut [T]) {}
        pub fn contains(&self, x: &T) -> bool {}
        pub fn starts_with(&self, needle: &[T]) -> bool {}
        pub fn ends_with(&self, needle: &[T]) -> bool {}
        pub fn binary_search(&self, x: &T) -> Result<usize, usize> {}
        pub fn sort(&mut self) {}
        pub fn sort_unstable(&mut self) {}
        pub fn sort_by<F: FnMut(&T, &T) -> cmp::Ordering>(&mut self, compare: F) {}
        pub fn sort_by_key<K, F: FnMut(&T) -> K>(&mut self, f: F) {}
        pub fn sort_unstable_by<F: FnMut(&T, &T) -> cmp::Ordering>(&mut self, compare: F) {}
        pub fn sort_unstable_by_key<K, F: FnMut(&T) -> K>(&mut self, f: F) {}
        pub fn reverse(&mut self) {}
        pub fn swap(&mut self, a: usize, b: usize) {}
        pub fn fill(&mut self, value: T) {}
        pub fn copy_from_slice(&mut self, src: &[T]) {}
        pub fn clone_from_slice(&mut self, src: &[T]) {}
        pub fn to_vec(&self) -> Vec<T> {}
        pub fn into_vec(self: Box<[T]>) -> Vec<T> {}
        pub fn concat<Item>(&self) -> <[T] as Concat<Item>>::Output {}
        pub fn join<Separator>(&self, sep: Separator) -> <[T] as Join<Separator>>::Output {}
    }
    impl<'a, T> IntoIterator for &'a [T] {
        type Item = &'a T;
        type IntoIter = Iter<'a, T>;
    }
    impl<'a, T> IntoIterator for &'a mut [T] {
        type Item = &'a mut T;
        type IntoIter = IterMut<'a, T>;
    }
    #[derive(Clone)]
    pub struct Iter<'a, T> {
        ptr: &'a T,
    }
    impl<'a, T> Iterator for Iter<'a, T> {
        type Item = &'a T;
    }
    impl<'a, T> Iter<'a, T> {
        pub fn as_slice(&self) -> &'a [T] {}
    }
    pub struct IterMut<'a, T> {
        ptr: &'a mut T,
    }
    impl<'a, T> Iterator for IterMut<'a, T> {
        type Item = &'a mut T;
    }
    #[derive(Clone)]
    pub struct Windows<'a, T> {
        v: &'a [T],
    }
    impl<'a, T> Iterator for Windows<'a, T> {
        type Item = &'a [T];
    }
    #[derive(Clone)]
    pub struct Chunks<'a, T> {
        v: &'a [T],
    }
    impl<'a, T> Iterator for Chunks<'a, T> {
        type Item = &'a [T];
    }
    pub struct ChunksMut<'a, T> {
        v: &'a mut [T],
    }
    impl<'a, T> Iterator for ChunksMut<'a, T> {
        type Item = &'a mut [T];
    }
}

pub mod array {
    impl<T, const N: usize> [T; N] {
        pub fn map<U, F: FnMut(T) -> U>(self, f: F) -> [U; N] {}
        pub fn as_slice(&self) -> &[T] {}
        pub fn iter(&self) -> super::slice::Iter<'_, T> {}
        pub fn into_iter(self) -> IntoIter<T, N> {}
    }
    impl<T, const N: usize> IntoIterator for [T; N] {
        type Item = T;
        type IntoIter = IntoIter<T, N>;
    }
    impl<T, const N: usize> Deref for [T; N] {
        type Target = [T];
    }
    pub struct IntoIter<T, const N: usize> {
        data: T,
    }
    impl<T, const N: usize> Iterator for IntoIter<T, N> {
        type Item = T;
    }
}

pub mod str {
    impl str {
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn is_char_boundary(&self, index: usize) -> bool {}
        pub fn as_bytes(&self) -> &[u8] {}
        pub fn as_ptr(&self) -> *const u8 {}
        pub fn get<I>(&self, i: I) -> Option<&str> {}
        pub fn split_at(&self, mid: usize) -> (&str, &str) {}
        pub fn chars(&self) -> Chars<'_> {}
        pub fn char_indices(&self) -> CharIndices<'_> {}
        pub fn bytes(&self) -> Bytes<'_> {}
        pub fn split_whitespace(&self) -> SplitWhitespace<'_> {}
        pub fn split_ascii_whitespace(&self) -> SplitAsciiWhitespace<'_> {}
        pub fn lines(&self) -> Lines<'_> {}
        pub fn contains<P>(&self, pat: P) -> bool {}
        pub fn starts_with<P>(&self, pat: P) -> bool {}
        pub fn ends_with<P>(&self, pat: P) -> bool {}
        pub fn find<P>(&self, pat: P) -> Option<usize> {}
        pub fn rfind<P>(&self, pat: P) -> Option<usize> {}
        pub fn split<P>(&self, pat: P) -> Split<'_, P> {}
        pub fn rsplit<P>(&self, pat: P) -> RSplit<'_, P> {}
        pub fn split_terminator<P>(&self, pat: P) -> SplitTerminator<'_, P> {}
        pub fn splitn<P>(&self, n: usize, pat: P) -> SplitN<'_, P> {}
        pub fn rsplitn<P>(&self, n: usize, pat: P) -> RSplitN<'_, P> {}
        pub fn split_once<P>(&self, delimiter: P) -> Option<(&str, &str)> {}
        pub fn rsplit_once<P>(&self, delimiter: P) -> Option<(&str, &str)> {}
        pub fn matches<P>(&self, pat: P) -> Matches<'_, P> {}
        pub fn match_indices<P>(&self, pat: P) -> MatchIndices<'_, P> {}
        pub fn trim(&self) -> &str {}
        pub fn trim_start(&self) -> &str {}
        pub fn trim_end(&self) -> &str {}
        pub fn trim_matches<P>(&self, pat: P) -> &str {}
        pub fn trim_start_matches<P>(&self, pat: P) -> &str {}
        pub fn trim_end_matches<P>(&self, pat: P) -> &str {}
        pub fn strip_prefix<P>(&self, prefix: P) -> Option<&str> {}
        pub fn strip_suffix<P>(&self, suffix: P) -> Option<&str> {}
        pub fn parse<F>(&self) -> Result<F, <F as FromStr>::Err> {}
        pub fn is_ascii(&self) -> bool {}
        pub fn eq_ignore_ascii_case(&self, other: &str) -> bool {}
        pub fn replace<P>(&self, from: P, to: &str) -> String {}
        pub fn replacen<P>(&self, pat: P, to: &str, count: usize) -> String {}
        pub fn to_lowercase(&self) -> String {}
        pub fn to_uppercase(&self) -> String {}
        pub fn to_ascii_lowercase(&self) -> String {}
        pub fn to_ascii_uppercase(&self) -> String {}
        pub fn repeat(&self, n: usize) -> String {}
        pub fn into_string(self: Box<str>) -> String {}
        pub fn to_owned(&self) -> String {}
        pub fn to_string(&self) -> String {}
        pub fn as_str(&self) -> &str {}
        pub fn escape_default(&self) -> EscapeDefault<'_> {}
    }
    pub fn from_utf8(v: &[u8]) -> Result<&str, Utf8Error> {}
    pub fn from_utf8_mut(v: &mut [u8]) -> Result<&mut str, Utf8Error> {}
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Utf8Error {
        valid_up_to: usize,
        error_len: Option<u8>,
    }
    #[derive(Clone)]
    pub struct Chars<'a> {
        iter: &'a [u8],
    }
    impl<'a> Iterator for Chars<'a> {
        type Item = char;
    }
    impl<'a> Chars<'a> {
        pub fn as_str(&self) -> &'a str {}
    }
    #[derive(Clone)]
    pub struct CharIndices<'a> {
        iter: &'a [u8],
    }
    impl<'a> Iterator for CharIndices<'a> {
        type Item = (usize, char);
    }
    #[derive(Clone)]
    pub struct Bytes<'a> {
        iter: &'a [u8],
    }
    impl<'a> Iterator for Bytes<'a> {
        type Item = u8;
    }
    #[derive(Clone)]
    pub struct Lines<'a> {
        iter: &'a str,
    }
    impl<'a> Iterator for Lines<'a> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct SplitWhitespace<'a> {
        iter: &'a str,
    }
    impl<'a> Iterator for SplitWhitespace<'a> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct SplitAsciiWhitespace<'a> {
        iter: &'a str,
    }
    impl<'a> Iterator for SplitAsciiWhitespace<'a> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct Split<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for Split<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct RSplit<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for RSplit<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct SplitTerminator<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for SplitTerminator<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct SplitN<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for SplitN<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct RSplitN<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for RSplitN<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct Matches<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for Matches<'a, P> {
        type Item = &'a str;
    }
    #[derive(Clone)]
    pub struct MatchIndices<'a, P> {
        iter: &'a str,
        pattern: P,
    }
    impl<'a, P> Iterator for MatchIndices<'a, P> {
        type Item = (usize, &'a str);
    }
    #[derive(Clone)]
    pub struct EscapeDefault<'a> {
        iter: &'a str,
    }
    impl<'a> Iterator for EscapeDefault<'a> {
        type Item = char;
    }
    pub trait FromStr {
        type Err;
    }
}

pub mod string {
    pub struct String {
        vec: Vec<u8>,
    }
    impl Deref for String {
        type Target = str;
    }
    impl String {
        pub fn new() -> String {}
        pub fn with_capacity(capacity: usize) -> String {}
        pub fn from_utf8(vec: Vec<u8>) -> Result<String, FromUtf8Error> {}
        pub fn from_utf8_lossy(v: &[u8]) -> Cow<'_, str> {}
        pub fn into_bytes(self) -> Vec<u8> {}
        pub fn as_str(&self) -> &str {}
        pub fn as_mut_str(&mut self) -> &mut str {}
        pub fn push_str(&mut self, string: &str) {}
        pub fn capacity(&self) -> usize {}
        pub fn reserve(&mut self, additional: usize) {}
        pub fn push(&mut self, ch: char) {}
        pub fn as_bytes(&self) -> &[u8] {}
        pub fn truncate(&mut self, new_len: usize) {}
        pub fn pop(&mut self) -> Option<char> {}
        pub fn remove(&mut self, idx: usize) -> char {}
        pub fn retain<F: FnMut(char) -> bool>(&mut self, f: F) {}
        pub fn insert(&mut self, idx: usize, ch: char) {}
        pub fn insert_str(&mut self, idx: usize, string: &str) {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn split_off(&mut self, at: usize) -> String {}
        pub fn clear(&mut self) {}
        pub fn drain<R>(&mut self, range: R) -> Drain<'_> {}
        pub fn into_boxed_str(self) -> Box<str> {}
        pub fn leak<'a>(self) -> &'a mut str {}
        pub fn from(s: &str) -> String {}
    }
    #[futurelens(layout)]
    pub struct FromUtf8Error {
        bytes: Vec<u8>,
        error: Utf8Error,
    }
    impl FromUtf8Error {
        pub fn into_bytes(self) -> Vec<u8> {}
    }
    pub struct Drain<'a> {
        string: &'a mut String,
    }
    impl Drop for Drain<'_> {}
    impl Iterator for Drain<'_> {
        type Item = char;
    }
    #[futurelens(blanket)]
    pub trait ToString {
        fn to_string(&self) -> String;
    }
}

pub mod borrow {
    pub enum Cow<'a, B: ?Sized> {
        Borrowed(&'a B),
        Owned(<B as ToOwned>::Owned),
    }
    impl<B: ?Sized> Cow<'_, B> {
        pub fn into_owned(self) -> <B as ToOwned>::Owned {}
        pub fn to_mut(&mut self) -> &mut <B as ToOwned>::Owned {}
        pub fn is_borrowed(&self) -> bool {}
        pub fn is_owned(&self) -> bool {}
    }
    impl<B: ?Sized> Deref for Cow<'_, B> {
        type Target = B;
    }
    #[futurelens(blanket)]
    pub trait ToOwned {
        type Owned;
        fn to_owned(&self) -> Self::Owned;
    }
    #[futurelens(blanket)]
    pub trait Borrow<Borrowed> {
        fn borrow(&self) -> &Borrowed;
    }
    #[futurelens(blanket)]
    pub trait BorrowMut<Borrowed> {
        fn borrow_mut(&mut self) -> &mut Borrowed;
    }
}

pub mod clone {
    #[futurelens(blanket)]
    pub trait Clone {
        fn clone(&self) -> Self;
        fn clone_from(&mut self, source: &Self);
    }
}

pub mod convert {
    #[futurelens(blanket)]
    pub trait Into<T> {
        fn into(self) -> T;
    }
    #[futurelens(blanket)]
    pub trait From<T> {
        fn from(value: T) -> Self;
    }
    #[futurelens(blanket)]
    pub trait TryInto<T> {
        type Error;
        fn try_into(self) -> Result<T, Self::Error>;
    }
    pub trait TryFrom<T> {
        type Error;
        fn try_from(value: T) -> Result<Self, Self::Error>;
    }
    #[futurelens(blanket)]
    pub trait AsRef<T: ?Sized> {
        fn as_ref(&self) -> &T;
    }
    #[futurelens(blanket)]
    pub trait AsMut<T: ?Sized> {
        fn as_mut(&mut self) -> &mut T;
    }
    pub enum Infallible {}
}

pub mod default {
    pub trait Default {
        fn default() -> Self;
    }
}

pub mod cmp {
    #[futurelens(blanket)]
    pub trait PartialEq<Rhs: ?Sized = Self> {
        fn eq(&self, other: &Rhs) -> bool;
        fn ne(&self, other: &Rhs) -> bool;
    }
    pub trait Eq {}
    #[futurelens(blanket)]
    pub trait PartialOrd<Rhs: ?Sized = Self> {
        fn partial_cmp(&self, other: &Rhs) -> Option<Ordering>;
        fn lt(&self, other: &Rhs) -> bool;
        fn le(&self, other: &Rhs) -> bool;
        fn gt(&self, other: &Rhs) -> bool;
        fn ge(&self, other: &Rhs) -> bool;
    }
    #[futurelens(blanket)]
    pub trait Ord {
        fn cmp(&self, other: &Self) -> Ordering;
        fn max(self, other: Self) -> Self;
        fn min(self, other: Self) -> Self;
        fn clamp(self, min: Self, max: Self) -> Self;
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub enum Ordering {
        Less,
        Equal,
        Greater,
    }
    impl Ordering {
        pub fn reverse(self) -> Ordering {}
        pub fn then(self, other: Ordering) -> Ordering {}
        pub fn is_eq(self) -> bool {}
        pub fn is_lt(self) -> bool {}
        pub fn is_gt(self) -> bool {}
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Reverse<T>(pub T);
    pub fn max<T>(v1: T, v2: T) -> T {}
    pub fn min<T>(v1: T, v2: T) -> T {}
}

pub mod hash {
    #[futurelens(blanket)]
    pub trait Hash {
        fn hash<H>(&self, state: &mut H);
    }
    pub trait Hasher {
        fn finish(&self) -> u64;
        fn write(&mut self, bytes: &[u8]);
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct RandomState {
        k0: u64,
        k1: u64,
    }
    #[derive(Clone)]
    pub struct DefaultHasher {
        state: u64,
    }
    impl DefaultHasher {
        pub fn new() -> DefaultHasher {}
    }
}

pub mod marker {
    pub trait Copy {}
    pub trait Send {}
    pub trait Sync {}
    pub trait Sized {}
    pub trait Unpin {}
    #[derive(Clone, Copy)]
    pub struct PhantomData<T: ?Sized> {}
    #[derive(Clone, Copy)]
    pub struct PhantomPinned;
}

pub mod ops {
    pub trait Drop {}
    pub trait Deref {
        type Target: ?Sized;
        fn deref(&self) -> &Self::Target;
    }
    pub trait DerefMut {
        fn deref_mut(&mut self) -> &mut <Self as Deref>::Target;
    }
    pub trait Fn<Args> {}
    pub trait FnMut<Args> {}
    pub trait FnOnce<Args> {
        type Output;
    }
    pub trait AsyncFn<Args> {}
    pub trait AsyncFnMut<Args> {}
    pub trait AsyncFnOnce<Args> {}
    pub trait Index<Idx> {
        type Output: ?Sized;
    }
    #[derive(Clone)]
    pub struct Range<Idx> {
        pub start: Idx,
        pub end: Idx,
    }
    impl<Idx> Iterator for Range<Idx> {
        type Item = Idx;
    }
    impl<Idx> Range<Idx> {
        pub fn contains<U>(&self, item: &U) -> bool {}
        pub fn is_empty(&self) -> bool {}
    }
    #[derive(Clone)]
    pub struct RangeInclusive<Idx> {
        start: Idx,
        end: Idx,
        exhausted: bool,
    }
    impl<Idx> Iterator for RangeInclusive<Idx> {
        type Item = Idx;
    }
    impl<Idx> RangeInclusive<Idx> {
        pub fn new(start: Idx, end: Idx) -> RangeInclusive<Idx> {}
        pub fn contains<U>(&self, item: &U) -> bool {}
        pub fn start(&self) -> &Idx {}
        pub fn end(&self) -> &Idx {}
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct RangeFrom<Idx> {
        pub start: Idx,
    }
    impl<Idx> Iterator for RangeFrom<Idx> {
        type Item = Idx;
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct RangeTo<Idx> {
        pub end: Idx,
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct RangeFull;
    #[derive(Clone, Copy)]
    pub enum ControlFlow<B, C = ()> {
        Continue(C),
        Break(B),
    }
}

pub mod iter {
    pub trait Iterator {
        type Item;
        fn next(&mut self) -> Option<Self::Item>;
        fn count(self) -> usize;
        fn last(self) -> Option<Self::Item>;
        fn nth(&mut self, n: usize) -> Option<Self::Item>;
        // `DoubleEndedIterator`'s methods, given to every iterator.
        fn next_back(&mut self) -> Option<Self::Item>;
        fn nth_back(&mut self, n: usize) -> Option<Self::Item>;
        fn rfind<P: FnMut(&Self::Item) -> bool>(&mut self, predicate: P) -> Option<Self::Item>;
        fn step_by(self, step: usize) -> StepBy<Self>;
        fn chain<U>(self, other: U) -> Chain<Self, <U as IntoIterator>::IntoIter>;
        fn zip<U>(self, other: U) -> Zip<Self, <U as IntoIterator>::IntoIter>;
        fn map<B, F: FnMut(Self::Item) -> B>(self, f: F) -> Map<Self, F>;
        fn for_each<F: FnMut(Self::Item)>(self, f: F);
        fn filter<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> Filter<Self, P>;
        fn filter_map<B, F: FnMut(Self::Item) -> Option<B>>(self, f: F) -> FilterMap<Self, F>;
        fn enumerate(self) -> Enumerate<Self>;
        fn peekable(self) -> Peekable<Self>;
        fn skip_while<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> SkipWhile<Self, P>;
        fn take_while<P: FnMut(&Self::Item) -> bool>(self, predicate: P) -> TakeWhile<Self, P>;
        fn map_while<B, P: FnMut(Self::Item) -> Option<B>>(self, predicate: P) -> MapWhile<Self, P>;
        fn skip(self, n: usize) -> Skip<Self>;
        fn take(self, n: usize) -> Take<Self>;
        fn scan<St, B, F: FnMut(&mut St, Self::Item) -> Option<B>>(self, initial_state: St, f: F) -> Scan<Self, St, F>;
        fn flat_map<U, F: FnMut(Self::Item) -> U>(self, f: F) -> FlatMap<Self, U, F>;
        fn flatten(self) -> Flatten<Self>;
        fn fuse(self) -> Fuse<Self>;
        fn inspect<F: FnMut(&Self::Item)>(self, f: F) -> Inspect<Self, F>;
        fn by_ref(&mut self) -> &mut Self;
        fn collect<B>(self) -> B;
        fn partition<B, F: FnMut(&Self::Item) -> bool>(self, f: F) -> (B, B);
        fn fold<B, F: FnMut(B, Self::Item) -> B>(self, init: B, f: F) -> B;
        fn reduce<F: FnMut(Self::Item, Self::Item) -> Self::Item>(self, f: F) -> Option<Self::Item>;
        fn all<F: FnMut(Self::Item) -> bool>(&mut self, f: F) -> bool;
        fn any<F: FnMut(Self::Item) -> bool>(&mut self, f: F) -> bool;
        fn find<P: FnMut(&Self::Item) -> bool>(&mut self, predicate: P) -> Option<Self::Item>;
        fn find_map<B, F: FnMut(Self::Item) -> Option<B>>(&mut self, f: F) -> Option<B>;
        fn position<P: FnMut(Self::Item) -> bool>(&mut self, predicate: P) -> Option<usize>;
        fn rposition<P: FnMut(Self::Item) -> bool>(&mut self, predicate: P) -> Option<usize>;
        fn max(self) -> Option<Self::Item>;
        fn min(self) -> Option<Self::Item>;
        fn max_by_key<B, F: FnMut(&Self::Item) -> B>(self, f: F) -> Option<Self::Item>;
        fn max_by<F: FnMut(&Self::Item, &Self::Item) -> cmp::Ordering>(self, compare: F) -> Option<Self::Item>;
        fn min_by_key<B, F: FnMut(&Self::Item) -> B>(self, f: F) -> Option<Self::Item>;
        fn min_by<F: FnMut(&Self::Item, &Self::Item) -> cmp::Ordering>(self, compare: F) -> Option<Self::Item>;
        fn rev(self) -> Rev<Self>;
        fn unzip<A, B, FromA, FromB>(self) -> (FromA, FromB);
        fn copied(self) -> Copied<Self>;
        fn cloned(self) -> Cloned<Self>;
        fn cycle(self) -> Cycle<Self>;
        fn sum<S>(self) -> S;
        fn product<P>(self) -> P;
        fn eq<I>(self, other: I) -> bool;
        fn is_sorted(self) -> bool;
    }
    pub trait IntoIterator {
        type Item;
        type IntoIter;
        fn into_iter(self) -> Self::IntoIter;
    }
    pub trait DoubleEndedIterator {
        fn next_back(&mut self) -> Option<<Self as Iterator>::Item>;
    }
    pub trait ExactSizeIterator {
        fn len(&self) -> usize;
    }
    pub trait Extend<A> {
        fn extend<T>(&mut self, iter: T);
    }
    pub trait FromIterator<A> {}
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Map<I, F> {
        iter: I,
        f: F,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Filter<I, P> {
        iter: I,
        predicate: P,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct FilterMap<I, F> {
        iter: I,
        f: F,
    }
    #[derive(Clone)]
    pub struct Enumerate<I> {
        iter: I,
        count: usize,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Peekable<I> {
        iter: I,
        peeked: Option<Option<<I as Iterator>::Item>>,
    }
    impl<I> Peekable<I> {
        pub fn peek(&mut self) -> Option<&<I as Iterator>::Item> {}
        pub fn next_if<F: FnOnce(&<I as Iterator>::Item) -> bool>(&mut self, func: F) -> Option<<I as Iterator>::Item> {}
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct SkipWhile<I, P> {
        iter: I,
        flag: bool,
        predicate: P,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct TakeWhile<I, P> {
        iter: I,
        flag: bool,
        predicate: P,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct MapWhile<I, P> {
        iter: I,
        predicate: P,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Skip<I> {
        iter: I,
        n: usize,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Take<I> {
        iter: I,
        n: usize,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct StepBy<I> {
        iter: I,
        step_minus_one: usize,
        first_take: bool,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Chain<A, B> {
        a: Option<A>,
        b: Option<B>,
    }
    #[derive(Clone)]
    pub struct Zip<A, B> {
        a: A,
        b: B,
        index: usize,
        len: usize,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Scan<I, St, F> {
        iter: I,
        f: F,
        state: St,
    }
    #[derive(Clone)]
    pub struct FlatMap<I, U, F> {
        iter: I,
        f: F,
        front: Option<U>,
        back: Option<U>,
    }
    #[derive(Clone)]
    pub struct Flatten<I> {
        iter: I,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Fuse<I> {
        iter: Option<I>,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Inspect<I, F> {
        iter: I,
        f: F,
    }
    #[derive(Clone)]
    pub struct Rev<T> {
        iter: T,
    }
    #[derive(Clone)]
    pub struct Copied<I> {
        it: I,
    }
    #[derive(Clone)]
    pub struct Cloned<I> {
        it: I,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Cycle<I> {
        orig: I,
        iter: I,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Once<T> {
        inner: Option<T>,
    }
    impl<T> Iterator for Once<T> {
        type Item = T;
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct Repeat<A> {
        element: A,
    }
    impl<A> Iterator for Repeat<A> {
        type Item = A;
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Empty<T> {}
    impl<T> Iterator for Empty<T> {
        type Item = T;
    }
    pub fn once<T>(value: T) -> Once<T> {}
    pub fn repeat<T>(elt: T) -> Repeat<T> {}
    pub fn empty<T>() -> Empty<T> {}
}

pub mod collections {
    pub struct HashMap<K, V, S = RandomState> {
        entries: (K, V),
        hasher: S,
    }
    impl<K, V, S> Drop for HashMap<K, V, S> {}
    impl<K, V> HashMap<K, V> {
        pub fn new() -> HashMap<K, V> {}
        pub fn from<const N: usize>(array: [(K, V); N]) -> HashMap<K, V> {}
        pub fn with_capacity(capacity: usize) -> HashMap<K, V> {}
        pub fn capacity(&self) -> usize {}
        pub fn keys(&self) -> hash_map::Keys<'_, K, V> {}
        pub fn into_keys(self) -> hash_map::IntoKeys<K, V> {}
        pub fn values(&self) -> hash_map::Values<'_, K, V> {}
        pub fn values_mut(&mut self) -> hash_map::ValuesMut<'_, K, V> {}
        pub fn into_values(self) -> hash_map::IntoValues<K, V> {}
        pub fn iter(&self) -> hash_map::Iter<'_, K, V> {}
        pub fn iter_mut(&mut self) -> hash_map::IterMut<'_, K, V> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn drain(&mut self) -> hash_map::Drain<'_, K, V> {}
        pub fn retain<F: FnMut(&K, &mut V) -> bool>(&mut self, f: F) {}
        pub fn clear(&mut self) {}
        pub fn reserve(&mut self, additional: usize) {}
        pub fn entry(&mut self, key: K) -> hash_map::Entry<'_, K, V> {}
        pub fn get<Q: ?Sized>(&self, k: &Q) -> Option<&V> {}
        pub fn get_key_value<Q: ?Sized>(&self, k: &Q) -> Option<(&K, &V)> {}
        pub fn contains_key<Q: ?Sized>(&self, k: &Q) -> bool {}
        pub fn get_mut<Q: ?Sized>(&mut self, k: &Q) -> Option<&mut V> {}
        pub fn insert(&mut self, k: K, v: V) -> Option<V> {}
        pub fn remove<Q: ?Sized>(&mut self, k: &Q) -> Option<V> {}
        pub fn remove_entry<Q: ?Sized>(&mut self, k: &Q) -> Option<(K, V)> {}
    }
    impl<K, V, S> IntoIterator for HashMap<K, V, S> {
        type Item = (K, V);
        type IntoIter = hash_map::IntoIter<K, V>;
    }
    impl<'a, K, V, S> IntoIterator for &'a HashMap<K, V, S> {
        type Item = (&'a K, &'a V);
        type IntoIter = hash_map::Iter<'a, K, V>;
    }
    impl<'a, K, V, S> IntoIterator for &'a mut HashMap<K, V, S> {
        type Item = (&'a K, &'a mut V);
        type IntoIter = hash_map::IterMut<'a, K, V>;
    }
    pub mod hash_map {
        pub use super::HashMap;
        pub struct Iter<'a, K, V> {
            k: &'a K,
            v: &'a V,
        }
        impl<'a, K, V> Iterator for Iter<'a, K, V> {
            type Item = (&'a K, &'a V);
        }
        pub struct IterMut<'a, K, V> {
            k: &'a K,
            v: &'a mut V,
        }
        impl<'a, K, V> Iterator for IterMut<'a, K, V> {
            type Item = (&'a K, &'a mut V);
        }
        pub struct IntoIter<K, V> {
            entries: (K, V),
        }
        impl<K, V> Drop for IntoIter<K, V> {}
        impl<K, V> Iterator for IntoIter<K, V> {
            type Item = (K, V);
        }
        pub struct Drain<'a, K, V> {
            entries: &'a (K, V),
        }
        impl<K, V> Drop for Drain<'_, K, V> {}
        impl<'a, K, V> Iterator for Drain<'a, K, V> {
            type Item = (K, V);
        }
        pub struct Keys<'a, K, V> {
            inner: Iter<'a, K, V>,
        }
        impl<'a, K, V> Iterator for Keys<'a, K, V> {
            type Item = &'a K;
        }
        pub struct Values<'a, K, V> {
            inner: Iter<'a, K, V>,
        }
        impl<'a, K, V> Iterator for Values<'a, K, V> {
            type Item = &'a V;
        }
        pub struct ValuesMut<'a, K, V> {
            inner: IterMut<'a, K, V>,
        }
        impl<'a, K, V> Iterator for ValuesMut<'a, K, V> {
            type Item = &'a mut V;
        }
        pub struct IntoKeys<K, V> {
            inner: IntoIter<K, V>,
        }
        impl<K, V> Iterator for IntoKeys<K, V> {
            type Item = K;
        }
        pub struct IntoValues<K, V> {
            inner: IntoIter<K, V>,
        }
        impl<K, V> Iterator for IntoValues<K, V> {
            type Item = V;
        }
        pub enum Entry<'a, K, V> {
            Occupied(&'a mut V),
            Vacant(K),
        }
        impl<'a, K, V> Entry<'a, K, V> {
            pub fn or_insert(self, default: V) -> &'a mut V {}
            pub fn or_insert_with<F: FnOnce() -> V>(self, default: F) -> &'a mut V {}
            pub fn or_default(self) -> &'a mut V {}
            pub fn and_modify<F: FnOnce(&mut V)>(self, f: F) -> Entry<'a, K, V> {}
            pub fn key(&self) -> &K {}
        }
    }
    pub struct HashSet<T, S = RandomState> {
        map: HashMap<T, (), S>,
    }
    impl<T> HashSet<T> {
        pub fn from<const N: usize>(array: [T; N]) -> HashSet<T> {}
        pub fn new() -> HashSet<T> {}
        pub fn with_capacity(capacity: usize) -> HashSet<T> {}
        pub fn iter(&self) -> hash_set::Iter<'_, T> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn drain(&mut self) -> hash_set::Drain<'_, T> {}
        pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F) {}
        pub fn clear(&mut self) {}
        pub fn contains<Q: ?Sized>(&self, value: &Q) -> bool {}
        pub fn get<Q: ?Sized>(&self, value: &Q) -> Option<&T> {}
        pub fn insert(&mut self, value: T) -> bool {}
        pub fn replace(&mut self, value: T) -> Option<T> {}
        pub fn remove<Q: ?Sized>(&mut self, value: &Q) -> bool {}
        pub fn take<Q: ?Sized>(&mut self, value: &Q) -> Option<T> {}
        pub fn is_subset(&self, other: &HashSet<T>) -> bool {}
    }
    impl<T, S> IntoIterator for HashSet<T, S> {
        type Item = T;
        type IntoIter = hash_set::IntoIter<T>;
    }
    impl<'a, T, S> IntoIterator for &'a HashSet<T, S> {
        type Item = &'a T;
        type IntoIter = hash_set::Iter<'a, T>;
    }
    pub mod hash_set {
        pub use super::HashSet;
        pub struct Iter<'a, K> {
            k: &'a K,
        }
        impl<'a, K> Iterator for Iter<'a, K> {
            type Item = &'a K;
        }
        pub struct IntoIter<K> {
            k: K,
        }
        impl<K> Drop for IntoIter<K> {}
        impl<K> Iterator for IntoIter<K> {
            type Item = K;
        }
        pub struct Drain<'a, K> {
            k: &'a K,
        }
        impl<K> Drop for Drain<'_, K> {}
        impl<'a, K> Iterator for Drain<'a, K> {
            type Item = K;
        }
    }
    pub struct BTreeMap<K, V> {
        entries: (K, V),
    }
    impl<K, V> Drop for BTreeMap<K, V> {}
    impl<K, V> BTreeMap<K, V> {
        pub fn from<const N: usize>(array: [(K, V); N]) -> BTreeMap<K, V> {}
        pub fn new() -> BTreeMap<K, V> {}
        pub fn clear(&mut self) {}
        pub fn get<Q: ?Sized>(&self, key: &Q) -> Option<&V> {}
        pub fn get_key_value<Q: ?Sized>(&self, k: &Q) -> Option<(&K, &V)> {}
        pub fn first_key_value(&self) -> Option<(&K, &V)> {}
        pub fn pop_first(&mut self) -> Option<(K, V)> {}
        pub fn last_key_value(&self) -> Option<(&K, &V)> {}
        pub fn pop_last(&mut self) -> Option<(K, V)> {}
        pub fn contains_key<Q: ?Sized>(&self, key: &Q) -> bool {}
        pub fn get_mut<Q: ?Sized>(&mut self, key: &Q) -> Option<&mut V> {}
        pub fn insert(&mut self, key: K, value: V) -> Option<V> {}
        pub fn remove<Q: ?Sized>(&mut self, key: &Q) -> Option<V> {}
        pub fn retain<F: FnMut(&K, &mut V) -> bool>(&mut self, f: F) {}
        pub fn append(&mut self, other: &mut BTreeMap<K, V>) {}
        pub fn range<R>(&self, range: R) -> btree_map::Range<'_, K, V> {}
        pub fn range_mut<R>(&mut self, range: R) -> btree_map::RangeMut<'_, K, V> {}
        pub fn entry(&mut self, key: K) -> btree_map::Entry<'_, K, V> {}
        pub fn split_off<Q: ?Sized>(&mut self, key: &Q) -> BTreeMap<K, V> {}
        pub fn iter(&self) -> btree_map::Iter<'_, K, V> {}
        pub fn iter_mut(&mut self) -> btree_map::IterMut<'_, K, V> {}
        pub fn keys(&self) -> btree_map::Keys<'_, K, V> {}
        pub fn values(&self) -> btree_map::Values<'_, K, V> {}
        pub fn values_mut(&mut self) -> btree_map::ValuesMut<'_, K, V> {}
        pub fn into_keys(self) -> btree_map::IntoKeys<K, V> {}
        pub fn into_values(self) -> btree_map::IntoValues<K, V> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
    }
    impl<K, V> IntoIterator for BTreeMap<K, V> {
        type Item = (K, V);
        type IntoIter = btree_map::IntoIter<K, V>;
    }
    impl<'a, K, V> IntoIterator for &'a BTreeMap<K, V> {
        type Item = (&'a K, &'a V);
        type IntoIter = btree_map::Iter<'a, K, V>;
    }
    impl<'a, K, V> IntoIterator for &'a mut BTreeMap<K, V> {
        type Item = (&'a K, &'a mut V);
        type IntoIter = btree_map::IterMut<'a, K, V>;
    }
    pub mod btree_map {
        pub use super::BTreeMap;
        pub struct Iter<'a, K, V> {
            k: &'a K,
            v: &'a V,
        }
        impl<'a, K, V> Iterator for Iter<'a, K, V> {
            type Item = (&'a K, &'a V);
        }
        pub struct IterMut<'a, K, V> {
            k: &'a K,
            v: &'a mut V,
        }
        impl<'a, K, V> Iterator for IterMut<'a, K, V> {
            type Item = (&'a K, &'a mut V);
        }
        pub struct IntoIter<K, V> {
            entries: (K, V),
        }
        impl<K, V> Drop for IntoIter<K, V> {}
        impl<K, V> Iterator for IntoIter<K, V> {
            type Item = (K, V);
        }
        pub struct Range<'a, K, V> {
            k: &'a K,
            v: &'a V,
        }
        impl<'a, K, V> Iterator for Range<'a, K, V> {
            type Item = (&'a K, &'a V);
        }
        pub struct RangeMut<'a, K, V> {
            k: &'a K,
            v: &'a mut V,
        }
        impl<'a, K, V> Iterator for RangeMut<'a, K, V> {
            type Item = (&'a K, &'a mut V);
        }
        pub struct Keys<'a, K, V> {
            inner: Iter<'a, K, V>,
        }
        impl<'a, K, V> Iterator for Keys<'a, K, V> {
            type Item = &'a K;
        }
        pub struct Values<'a, K, V> {
            inner: Iter<'a, K, V>,
        }
        impl<'a, K, V> Iterator for Values<'a, K, V> {
            type Item = &'a V;
        }
        pub struct ValuesMut<'a, K, V> {
            inner: IterMut<'a, K, V>,
        }
        impl<'a, K, V> Iterator for ValuesMut<'a, K, V> {
            type Item = &'a mut V;
        }
        pub struct IntoKeys<K, V> {
            inner: IntoIter<K, V>,
        }
        impl<K, V> Iterator for IntoKeys<K, V> {
            type Item = K;
        }
        pub struct IntoValues<K, V> {
            inner: IntoIter<K, V>,
        }
        impl<K, V> Iterator for IntoValues<K, V> {
            type Item = V;
        }
        pub enum Entry<'a, K, V> {
            Occupied(&'a mut V),
            Vacant(K),
        }
        impl<'a, K, V> Entry<'a, K, V> {
            pub fn or_insert(self, default: V) -> &'a mut V {}
            pub fn or_insert_with<F: FnOnce() -> V>(self, default: F) -> &'a mut V {}
            pub fn or_default(self) -> &'a mut V {}
            pub fn and_modify<F: FnOnce(&mut V)>(self, f: F) -> Entry<'a, K, V> {}
        }
    }
    pub struct BTreeSet<T> {
        map: BTreeMap<T, ()>,
    }
    impl<T> BTreeSet<T> {
        pub fn from<const N: usize>(array: [T; N]) -> BTreeSet<T> {}
        pub fn new() -> BTreeSet<T> {}
        pub fn iter(&self) -> btree_set::Iter<'_, T> {}
        pub fn range<R>(&self, range: R) -> btree_set::Range<'_, T> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn contains<Q: ?Sized>(&self, value: &Q) -> bool {}
        pub fn insert(&mut self, value: T) -> bool {}
        pub fn remove<Q: ?Sized>(&mut self, value: &Q) -> bool {}
        pub fn first(&self) -> Option<&T> {}
        pub fn last(&self) -> Option<&T> {}
        pub fn pop_first(&mut self) -> Option<T> {}
        pub fn pop_last(&mut self) -> Option<T> {}
        pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F) {}
        pub fn clear(&mut self) {}
    }
    impl<T> IntoIterator for BTreeSet<T> {
        type Item = T;
        type IntoIter = btree_set::IntoIter<T>;
    }
    impl<'a, T> IntoIterator for &'a BTreeSet<T> {
        type Item = &'a T;
        type IntoIter = btree_set::Iter<'a, T>;
    }
    pub mod btree_set {
        pub use super::BTreeSet;
        pub struct Iter<'a, T> {
            t: &'a T,
        }
        impl<'a, T> Iterator for Iter<'a, T> {
            type Item = &'a T;
        }
        pub struct Range<'a, T> {
            t: &'a T,
        }
        impl<'a, T> Iterator for Range<'a, T> {
            type Item = &'a T;
        }
        pub struct IntoIter<T> {
            t: T,
        }
        impl<T> Drop for IntoIter<T> {}
        impl<T> Iterator for IntoIter<T> {
            type Item = T;
        }
    }
    pub struct VecDeque<T> {
        elements: T,
    }
    impl<T> Drop for VecDeque<T> {}
    impl<T> VecDeque<T> {
        pub fn new() -> VecDeque<T> {}
        pub fn from<const N: usize>(array: [T; N]) -> VecDeque<T> {}
        pub fn with_capacity(capacity: usize) -> VecDeque<T> {}
        pub fn get(&self, index: usize) -> Option<&T> {}
        pub fn get_mut(&mut self, index: usize) -> Option<&mut T> {}
        pub fn capacity(&self) -> usize {}
        pub fn iter(&self) -> vec_deque::Iter<'_, T> {}
        pub fn iter_mut(&mut self) -> vec_deque::IterMut<'_, T> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn drain<R>(&mut self, range: R) -> vec_deque::Drain<'_, T> {}
        pub fn clear(&mut self) {}
        pub fn contains(&self, x: &T) -> bool {}
        pub fn front(&self) -> Option<&T> {}
        pub fn front_mut(&mut self) -> Option<&mut T> {}
        pub fn back(&self) -> Option<&T> {}
        pub fn back_mut(&mut self) -> Option<&mut T> {}
        pub fn pop_front(&mut self) -> Option<T> {}
        pub fn pop_back(&mut self) -> Option<T> {}
        pub fn push_front(&mut self, value: T) {}
        pub fn push_back(&mut self, value: T) {}
        pub fn insert(&mut self, index: usize, value: T) {}
        pub fn remove(&mut self, index: usize) -> Option<T> {}
        pub fn retain<F: FnMut(&T) -> bool>(&mut self, f: F) {}
        pub fn truncate(&mut self, len: usize) {}
        pub fn make_contiguous(&mut self) -> &mut [T] {}
    }
    impl<T> IntoIterator for VecDeque<T> {
        type Item = T;
        type IntoIter = vec_deque::IntoIter<T>;
    }
    impl<'a, T> IntoIterator for &'a VecDeque<T> {
        type Item = &'a T;
        type IntoIter = vec_deque::Iter<'a, T>;
    }
    pub mod vec_deque {
        pub use super::VecDeque;
        pub struct Iter<'a, T> {
            t: &'a T,
        }
        impl<'a, T> Iterator for Iter<'a, T> {
            type Item = &'a T;
        }
        pub struct IterMut<'a, T> {
            t: &'a mut T,
        }
        impl<'a, T> Iterator for IterMut<'a, T> {
            type Item = &'a mut T;
        }
        pub struct IntoIter<T> {
            t: T,
        }
        impl<T> Drop for IntoIter<T> {}
        impl<T> Iterator for IntoIter<T> {
            type Item = T;
        }
        pub struct Drain<'a, T> {
            t: &'a T,
        }
        impl<T> Drop for Drain<'_, T> {}
        impl<'a, T> Iterator for Drain<'a, T> {
            type Item = T;
        }
    }
    pub struct BinaryHeap<T> {
        data: Vec<T>,
    }
    impl<T> BinaryHeap<T> {
        pub fn new() -> BinaryHeap<T> {}
        pub fn push(&mut self, item: T) {}
        pub fn pop(&mut self) -> Option<T> {}
        pub fn peek(&self) -> Option<&T> {}
        pub fn len(&self) -> usize {}
        pub fn is_empty(&self) -> bool {}
        pub fn into_vec(self) -> Vec<T> {}
    }
    pub struct LinkedList<T> {
        elements: T,
    }
    impl<T> Drop for LinkedList<T> {}
}

pub mod rc {
    pub struct Rc<T: ?Sized> {
        value: T,
    }
    impl<T: ?Sized> Drop for Rc<T> {}
    impl<T: ?Sized> !Send for Rc<T> {}
    impl<T: ?Sized> Deref for Rc<T> {
        type Target = T;
    }
    impl<T: ?Sized> Clone for Rc<T> {
        fn clone(&self) -> Rc<T> {}
    }
    impl<T: ?Sized> AsRef<T> for Rc<T> {
        fn as_ref(&self) -> &T {}
    }
    impl<T> Rc<T> {
        pub fn new(value: T) -> Rc<T> {}
        pub fn clone(this: &Rc<T>) -> Rc<T> {}
        pub fn downgrade(this: &Rc<T>) -> Weak<T> {}
        pub fn strong_count(this: &Rc<T>) -> usize {}
        pub fn weak_count(this: &Rc<T>) -> usize {}
        pub fn ptr_eq(this: &Rc<T>, other: &Rc<T>) -> bool {}
        pub fn try_unwrap(this: Rc<T>) -> Result<T, Rc<T>> {}
        pub fn get_mut(this: &mut Rc<T>) -> Option<&mut T> {}
        pub fn make_mut(this: &mut Rc<T>) -> &mut T {}
        pub fn unwrap_or_clone(this: Rc<T>) -> T {}
    }
    pub struct Weak<T: ?Sized> {
        value: T,
    }
    impl<T: ?Sized> Drop for Weak<T> {}
    impl<T: ?Sized> !Send for Weak<T> {}
    impl<T> Weak<T> {
        pub fn new() -> Weak<T> {}
        pub fn upgrade(&self) -> Option<Rc<T>> {}
        pub fn strong_count(&self) -> usize {}
    }
}

pub mod sync {
    pub struct Arc<T: ?Sized> {
        value: T,
    }
    impl<T: ?Sized> Drop for Arc<T> {}
    impl<T: ?Sized> Deref for Arc<T> {
        type Target = T;
    }
    impl<T: ?Sized> Clone for Arc<T> {
        fn clone(&self) -> Arc<T> {}
    }
    impl<T: ?Sized> AsRef<T> for Arc<T> {
        fn as_ref(&self) -> &T {}
    }
    impl<T> Arc<T> {
        pub fn new(data: T) -> Arc<T> {}
        pub fn clone(this: &Arc<T>) -> Arc<T> {}
        pub fn downgrade(this: &Arc<T>) -> Weak<T> {}
        pub fn strong_count(this: &Arc<T>) -> usize {}
        pub fn weak_count(this: &Arc<T>) -> usize {}
        pub fn ptr_eq(this: &Arc<T>, other: &Arc<T>) -> bool {}
        pub fn try_unwrap(this: Arc<T>) -> Result<T, Arc<T>> {}
        pub fn get_mut(this: &mut Arc<T>) -> Option<&mut T> {}
        pub fn make_mut(this: &mut Arc<T>) -> &mut T {}
        pub fn unwrap_or_clone(this: Arc<T>) -> T {}
    }
    pub struct Weak<T: ?Sized> {
        value: T,
    }
    impl<T: ?Sized> Drop for Weak<T> {}
    impl<T> Weak<T> {
        pub fn new() -> Weak<T> {}
        pub fn upgrade(&self) -> Option<Arc<T>> {}
        pub fn strong_count(&self) -> usize {}
    }
    pub struct Mutex<T: ?Sized> {
        data: T,
    }
    impl<T> Mutex<T> {
        pub fn new(t: T) -> Mutex<T> {}
        pub fn lock(&self) -> LockResult<MutexGuard<'_, T>> {}
        pub fn try_lock(&self) -> TryLockResult<MutexGuard<'_, T>> {}
        pub fn is_poisoned(&self) -> bool {}
        pub fn into_inner(self) -> LockResult<T> {}
        pub fn get_mut(&mut self) -> LockResult<&mut T> {}
    }
    pub struct MutexGuard<'a, T: ?Sized> {
        lock: &'a Mutex<T>,
    }
    impl<T: ?Sized> Drop for MutexGuard<'_, T> {}
    impl<T: ?Sized> !Send for MutexGuard<'_, T> {}
    impl<T: ?Sized> Deref for MutexGuard<'_, T> {
        type Target = T;
    }
    pub struct RwLock<T: ?Sized> {
        data: T,
    }
    impl<T> RwLock<T> {
        pub fn new(t: T) -> RwLock<T> {}
        pub fn read(&self) -> LockResult<RwLockReadGuard<'_, T>> {}
        pub fn try_read(&self) -> TryLockResult<RwLockReadGuard<'_, T>> {}
        pub fn write(&self) -> LockResult<RwLockWriteGuard<'_, T>> {}
        pub fn try_write(&self) -> TryLockResult<RwLockWriteGuard<'_, T>> {}
        pub fn is_poisoned(&self) -> bool {}
        pub fn into_inner(self) -> LockResult<T> {}
        pub fn get_mut(&mut self) -> LockResult<&mut T> {}
    }
    pub struct RwLockReadGuard<'a, T: ?Sized> {
        lock: &'a RwLock<T>,
    }
    impl<T: ?Sized> Drop for RwLockReadGuard<'_, T> {}
    impl<T: ?Sized> !Send for RwLockReadGuard<'_, T> {}
    impl<T: ?Sized> Deref for RwLockReadGuard<'_, T> {
        type Target = T;
    }
    pub struct RwLockWriteGuard<'a, T: ?Sized> {
        lock: &'a RwLock<T>,
    }
    impl<T: ?Sized> Drop for RwLockWriteGuard<'_, T> {}
    impl<T: ?Sized> !Send for RwLockWriteGuard<'_, T> {}
    impl<T: ?Sized> Deref for RwLockWriteGuard<'_, T> {
        type Target = T;
    }
    #[futurelens(layout)]
    pub struct PoisonError<T> {
        guard: T,
    }
    impl<T> PoisonError<T> {
        pub fn into_inner(self) -> T {}
        pub fn get_ref(&self) -> &T {}
    }
    #[futurelens(layout)]
    pub enum TryLockError<T> {
        Poisoned(PoisonError<T>),
        WouldBlock,
    }
    pub type LockResult<T> = Result<T, PoisonError<T>>;
    pub type TryLockResult<T> = Result<T, TryLockError<T>>;
    pub struct Condvar {}
    impl Condvar {
        pub fn new() -> Condvar {}
        pub fn notify_one(&self) {}
        pub fn notify_all(&self) {}
    }
    pub struct OnceLock<T> {
        value: T,
    }
    impl<T> OnceLock<T> {
        pub fn new() -> OnceLock<T> {}
        pub fn get(&self) -> Option<&T> {}
        pub fn set(&self, value: T) -> Result<(), T> {}
        pub fn get_or_init<F: FnOnce() -> T>(&self, f: F) -> &T {}
    }
    pub mod atomic {
        pub struct AtomicBool {}
        pub struct AtomicU8 {}
        pub struct AtomicI8 {}
        pub struct AtomicU16 {}
        pub struct AtomicI16 {}
        pub struct AtomicU32 {}
        pub struct AtomicI32 {}
        pub struct AtomicU64 {}
        pub struct AtomicI64 {}
        pub struct AtomicUsize {}
        pub struct AtomicIsize {}
        pub struct AtomicPtr<T> {
            p: *mut T,
        }
        impl AtomicBool {
            pub fn new(v: bool) -> AtomicBool {}
            pub fn load(&self, order: Ordering) -> bool {}
            pub fn store(&self, val: bool, order: Ordering) {}
            pub fn swap(&self, val: bool, order: Ordering) -> bool {}
            pub fn fetch_or(&self, val: bool, order: Ordering) -> bool {}
            pub fn fetch_and(&self, val: bool, order: Ordering) -> bool {}
        }
        impl AtomicU32 {
            pub fn new(v: u32) -> AtomicU32 {}
            pub fn load(&self, order: Ordering) -> u32 {}
            pub fn store(&self, val: u32, order: Ordering) {}
            pub fn swap(&self, val: u32, order: Ordering) -> u32 {}
            pub fn fetch_add(&self, val: u32, order: Ordering) -> u32 {}
            pub fn fetch_sub(&self, val: u32, order: Ordering) -> u32 {}
            pub fn fetch_max(&self, val: u32, order: Ordering) -> u32 {}
        }
        impl AtomicU64 {
            pub fn new(v: u64) -> AtomicU64 {}
            pub fn load(&self, order: Ordering) -> u64 {}
            pub fn store(&self, val: u64, order: Ordering) {}
            pub fn swap(&self, val: u64, order: Ordering) -> u64 {}
            pub fn fetch_add(&self, val: u64, order: Ordering) -> u64 {}
            pub fn fetch_sub(&self, val: u64, order: Ordering) -> u64 {}
            pub fn fetch_max(&self, val: u64, order: Ordering) -> u64 {}
            pub fn compare_exchange(&self, current: u64, new: u64, success: Ordering, failure: Ordering) -> Result<u64, u64> {}
        }
        impl AtomicI64 {
            pub fn new(v: i64) -> AtomicI64 {}
            pub fn load(&self, order: Ordering) -> i64 {}
            pub fn store(&self, val: i64, order: Ordering) {}
            pub fn fetch_add(&self, val: i64, order: Ordering) -> i64 {}
            pub fn fetch_sub(&self, val: i64, order: Ordering) -> i64 {}
        }
        impl AtomicUsize {
            pub fn new(v: usize) -> AtomicUsize {}
            pub fn load(&self, order: Ordering) -> usize {}
            pub fn store(&self, val: usize, order: Ordering) {}
            pub fn swap(&self, val: usize, order: Ordering) -> usize {}
            pub fn fetch_add(&self, val: usize, order: Ordering) -> usize {}
            pub fn fetch_sub(&self, val: usize, order: Ordering) -> usize {}
            pub fn fetch_max(&self, val: usize, order: Ordering) -> usize {}
            pub fn compare_exchange(&self, current: usize, new: usize, success: Ordering, failure: Ordering) -> Result<usize, usize> {}
        }
        #[derive(Clone, Copy)]
        #[futurelens(layout)]
        pub enum Ordering {
            Relaxed,
            Release,
            Acquire,
            AcqRel,
            SeqCst,
        }
    }
    pub mod mpsc {
        pub struct Sender<T> {
            t: T,
        }
        impl<T> Drop for Sender<T> {}
        impl<T> Sender<T> {
            pub fn send(&self, t: T) -> Result<(), SendError<T>> {}
        }
        pub struct SyncSender<T> {
            t: T,
        }
        impl<T> Drop for SyncSender<T> {}
        impl<T> SyncSender<T> {
            pub fn send(&self, t: T) -> Result<(), SendError<T>> {}
        }
        pub struct Receiver<T> {
            t: T,
        }
        impl<T> Drop for Receiver<T> {}
        impl<T> Receiver<T> {
            pub fn recv(&self) -> Result<T, RecvError> {}
            pub fn try_recv(&self) -> Result<T, TryRecvError> {}
        }
        #[futurelens(layout)]
        pub struct SendError<T>(pub T);
        #[derive(Clone, Copy)]
        #[futurelens(layout)]
        pub struct RecvError;
        #[derive(Clone, Copy)]
        #[futurelens(layout)]
        pub enum TryRecvError {
            Empty,
            Disconnected,
        }
        pub fn channel<T>() -> (Sender<T>, Receiver<T>) {}
        pub fn sync_channel<T>(bound: usize) -> (SyncSender<T>, Receiver<T>) {}
    }
}

pub mod cell {
    pub struct Cell<T: ?Sized> {
        value: UnsafeCell<T>,
    }
    impl<T: ?Sized> !Sync for Cell<T> {}
    impl<T> Cell<T> {
        pub fn new(value: T) -> Cell<T> {}
        pub fn set(&self, val: T) {}
        pub fn get(&self) -> T {}
        pub fn replace(&self, val: T) -> T {}
        pub fn take(&self) -> T {}
        pub fn into_inner(self) -> T {}
        pub fn get_mut(&mut self) -> &mut T {}
        pub fn update<F: FnOnce(T) -> T>(&self, f: F) {}
    }
    pub struct RefCell<T: ?Sized> {
        value: UnsafeCell<T>,
    }
    impl<T: ?Sized> !Sync for RefCell<T> {}
    impl<T> RefCell<T> {
        pub fn new(value: T) -> RefCell<T> {}
        pub fn borrow(&self) -> Ref<'_, T> {}
        pub fn try_borrow(&self) -> Result<Ref<'_, T>, BorrowError> {}
        pub fn borrow_mut(&self) -> RefMut<'_, T> {}
        pub fn try_borrow_mut(&self) -> Result<RefMut<'_, T>, BorrowMutError> {}
        pub fn replace(&self, t: T) -> T {}
        pub fn take(&self) -> T {}
        pub fn into_inner(self) -> T {}
        pub fn get_mut(&mut self) -> &mut T {}
    }
    pub struct Ref<'b, T: ?Sized> {
        value: &'b T,
    }
    impl<T: ?Sized> Drop for Ref<'_, T> {}
    impl<T: ?Sized> !Send for Ref<'_, T> {}
    impl<T: ?Sized> Deref for Ref<'_, T> {
        type Target = T;
    }
    pub struct RefMut<'b, T: ?Sized> {
        value: &'b mut T,
    }
    impl<T: ?Sized> Drop for RefMut<'_, T> {}
    impl<T: ?Sized> !Send for RefMut<'_, T> {}
    impl<T: ?Sized> Deref for RefMut<'_, T> {
        type Target = T;
    }
    pub struct UnsafeCell<T: ?Sized> {
        value: T,
    }
    pub struct OnceCell<T> {
        inner: UnsafeCell<Option<T>>,
    }
    impl<T> OnceCell<T> {
        pub fn new() -> OnceCell<T> {}
        pub fn get(&self) -> Option<&T> {}
        pub fn set(&self, value: T) -> Result<(), T> {}
        pub fn get_or_init<F: FnOnce() -> T>(&self, f: F) -> &T {}
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct BorrowError {}
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct BorrowMutError {}
}

pub mod time {
    #[derive(Clone, Copy)]
    pub struct Duration {}
    impl Duration {
        pub const ZERO: Duration = Duration {};
        pub const MAX: Duration = Duration {};
        pub const SECOND: Duration = Duration {};
        pub const MILLISECOND: Duration = Duration {};
        pub const MICROSECOND: Duration = Duration {};
        pub const NANOSECOND: Duration = Duration {};
        pub const fn new(secs: u64, nanos: u32) -> Duration {}
        pub const fn from_secs(secs: u64) -> Duration {}
        pub const fn from_millis(millis: u64) -> Duration {}
        pub const fn from_micros(micros: u64) -> Duration {}
        pub const fn from_nanos(nanos: u64) -> Duration {}
        pub fn from_secs_f64(secs: f64) -> Duration {}
        pub fn from_secs_f32(secs: f32) -> Duration {}
        pub const fn is_zero(&self) -> bool {}
        pub const fn as_secs(&self) -> u64 {}
        pub const fn subsec_millis(&self) -> u32 {}
        pub const fn subsec_nanos(&self) -> u32 {}
        pub const fn as_millis(&self) -> u128 {}
        pub const fn as_micros(&self) -> u128 {}
        pub const fn as_nanos(&self) -> u128 {}
        pub fn as_secs_f64(&self) -> f64 {}
        pub fn as_secs_f32(&self) -> f32 {}
        pub fn checked_add(self, rhs: Duration) -> Option<Duration> {}
        pub fn checked_sub(self, rhs: Duration) -> Option<Duration> {}
        pub fn saturating_add(self, rhs: Duration) -> Duration {}
        pub fn saturating_sub(self, rhs: Duration) -> Duration {}
        pub fn saturating_mul(self, rhs: u32) -> Duration {}
        pub fn mul_f64(self, rhs: f64) -> Duration {}
        pub fn mul_f32(self, rhs: f32) -> Duration {}
        pub fn div_f64(self, rhs: f64) -> Duration {}
    }
    #[derive(Clone, Copy)]
    pub struct Instant {}
    impl Instant {
        pub fn now() -> Instant {}
        pub fn duration_since(&self, earlier: Instant) -> Duration {}
        pub fn saturating_duration_since(&self, earlier: Instant) -> Duration {}
        pub fn checked_duration_since(&self, earlier: Instant) -> Option<Duration> {}
        pub fn elapsed(&self) -> Duration {}
        pub fn checked_add(&self, duration: Duration) -> Option<Instant> {}
        pub fn checked_sub(&self, duration: Duration) -> Option<Instant> {}
    }
    #[derive(Clone, Copy)]
    pub struct SystemTime {}
    impl SystemTime {
        pub const UNIX_EPOCH: SystemTime = SystemTime {};
        pub fn now() -> SystemTime {}
        pub fn duration_since(&self, earlier: SystemTime) -> Result<Duration, SystemTimeError> {}
        pub fn elapsed(&self) -> Result<Duration, SystemTimeError> {}
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct SystemTimeError(Duration);
    pub const UNIX_EPOCH: SystemTime = SystemTime {};
}

pub mod mem {
    pub fn drop<T>(x: T) {}
    pub fn forget<T>(t: T) {}
    pub fn take<T>(dest: &mut T) -> T {}
    pub fn replace<T>(dest: &mut T, src: T) -> T {}
    pub fn swap<T>(x: &mut T, y: &mut T) {}
    pub const fn size_of<T>() -> usize {}
    pub fn size_of_val<T: ?Sized>(val: &T) -> usize {}
    pub const fn align_of<T>() -> usize {}
    pub fn discriminant<T>(v: &T) -> Discriminant<T> {}
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Discriminant<T>(u64, PhantomData<T>);
    pub struct ManuallyDrop<T: ?Sized> {
        value: T,
    }
    impl<T: ?Sized> Deref for ManuallyDrop<T> {
        type Target = T;
    }
    #[derive(Clone, Copy)]
    pub union MaybeUninit<T> {
        uninit: (),
        value: ManuallyDrop<T>,
    }
}

pub mod pin {
    #[derive(Clone, Copy)]
    pub struct Pin<Ptr> {
        pointer: Ptr,
    }
    impl<Ptr> Pin<Ptr> {
        pub fn new(pointer: Ptr) -> Pin<Ptr> {}
        pub unsafe fn new_unchecked(pointer: Ptr) -> Pin<Ptr> {}
        pub fn as_mut(&mut self) -> Pin<&mut <Ptr as Deref>::Target> {}
        pub fn as_ref(&self) -> Pin<&<Ptr as Deref>::Target> {}
        pub fn set(&mut self, value: <Ptr as Deref>::Target) {}
    }
    impl<Ptr> Deref for Pin<Ptr> {
        type Target = <Ptr as Deref>::Target;
    }
}

pub mod future {
    pub trait Future {
        type Output;
        fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output>;
    }
    pub trait IntoFuture {
        type Output;
        type IntoFuture;
        fn into_future(self) -> Self::IntoFuture;
    }
    pub struct Ready<T>(Option<T>);
    impl<T> Ready<T> {
        pub fn into_inner(self) -> T {}
    }
    pub struct Pending<T> {}
    pub struct PollFn<F> {
        f: F,
    }
    pub fn ready<T>(t: T) -> Ready<T> {}
    pub fn pending<T>() -> Pending<T> {}
    pub fn poll_fn<T, F>(f: F) -> PollFn<F> {}
}

pub mod task {
    #[derive(Clone, Copy)]
    pub enum Poll<T> {
        Ready(T),
        Pending,
    }
    impl<T> Poll<T> {
        pub fn is_ready(&self) -> bool {}
        pub fn is_pending(&self) -> bool {}
        pub fn map<U, F: FnOnce(T) -> U>(self, f: F) -> Poll<U> {}
    }
    pub struct Context<'a> {
        waker: &'a Waker,
    }
    impl<'a> Context<'a> {
        pub fn waker(&self) -> &'a Waker {}
    }
    pub struct Waker {
        data: *const (),
    }
    impl Drop for Waker {}
    impl Waker {
        pub fn wake(self) {}
        pub fn wake_by_ref(&self) {}
        pub fn noop() -> &'static Waker {}
    }
}

pub mod num {
    /// The inherent methods of the integer and float types, given to every type: the model
    /// has no methods in impls for primitive types, and only numbers have these names.
    #[futurelens(blanket)]
    pub trait NumberMethods {
        fn checked_add(self, rhs: Self) -> Option<Self>;
        fn checked_sub(self, rhs: Self) -> Option<Self>;
        fn checked_mul(self, rhs: Self) -> Option<Self>;
        fn checked_div(self, rhs: Self) -> Option<Self>;
        fn checked_rem(self, rhs: Self) -> Option<Self>;
        fn checked_pow(self, exp: u32) -> Option<Self>;
        fn saturating_add(self, rhs: Self) -> Self;
        fn saturating_sub(self, rhs: Self) -> Self;
        fn saturating_mul(self, rhs: Self) -> Self;
        fn wrapping_add(self, rhs: Self) -> Self;
        fn wrapping_sub(self, rhs: Self) -> Self;
        fn wrapping_mul(self, rhs: Self) -> Self;
        fn pow(self, exp: u32) -> Self;
        fn abs(self) -> Self;
        fn signum(self) -> Self;
        fn rem_euclid(self, rhs: Self) -> Self;
        fn div_euclid(self, rhs: Self) -> Self;
        fn next_power_of_two(self) -> Self;
        fn is_power_of_two(self) -> bool;
        fn count_ones(self) -> u32;
        fn count_zeros(self) -> u32;
        fn leading_zeros(self) -> u32;
        fn trailing_zeros(self) -> u32;
        fn rotate_left(self, n: u32) -> Self;
        fn rotate_right(self, n: u32) -> Self;
        fn swap_bytes(self) -> Self;
        fn sqrt(self) -> Self;
        fn floor(self) -> Self;
        fn ceil(self) -> Self;
        fn round(self) -> Self;
        fn powi(self, n: i32) -> Self;
        fn powf(self, n: Self) -> Self;
    }
    // The associated constants of the number types (their methods are `NumberMethods`).
    impl i8 { pub const MIN: i8 = 0; pub const MAX: i8 = 0; pub const BITS: u32 = 0; }
    impl i16 { pub const MIN: i16 = 0; pub const MAX: i16 = 0; pub const BITS: u32 = 0; }
    impl i32 { pub const MIN: i32 = 0; pub const MAX: i32 = 0; pub const BITS: u32 = 0; }
    impl i64 { pub const MIN: i64 = 0; pub const MAX: i64 = 0; pub const BITS: u32 = 0; }
    impl i128 { pub const MIN: i128 = 0; pub const MAX: i128 = 0; pub const BITS: u32 = 0; }
    impl isize { pub const MIN: isize = 0; pub const MAX: isize = 0; pub const BITS: u32 = 0; }
    impl u8 { pub const MIN: u8 = 0; pub const MAX: u8 = 0; pub const BITS: u32 = 0; }
    impl u16 { pub const MIN: u16 = 0; pub const MAX: u16 = 0; pub const BITS: u32 = 0; }
    impl u32 { pub const MIN: u32 = 0; pub const MAX: u32 = 0; pub const BITS: u32 = 0; }
    impl u64 { pub const MIN: u64 = 0; pub const MAX: u64 = 0; pub const BITS: u32 = 0; }
    impl u128 { pub const MIN: u128 = 0; pub const MAX: u128 = 0; pub const BITS: u32 = 0; }
    impl usize { pub const MIN: usize = 0; pub const MAX: usize = 0; pub const BITS: u32 = 0; }
    impl f32 {
        pub const MIN: f32 = 0.0;
        pub const MAX: f32 = 0.0;
        pub const MIN_POSITIVE: f32 = 0.0;
        pub const EPSILON: f32 = 0.0;
        pub const INFINITY: f32 = 0.0;
        pub const NEG_INFINITY: f32 = 0.0;
        pub const NAN: f32 = 0.0;
        pub const RADIX: u32 = 2;
        pub const MANTISSA_DIGITS: u32 = 0;
        pub const DIGITS: u32 = 0;
    }
    impl f64 {
        pub const MIN: f64 = 0.0;
        pub const MAX: f64 = 0.0;
        pub const MIN_POSITIVE: f64 = 0.0;
        pub const EPSILON: f64 = 0.0;
        pub const INFINITY: f64 = 0.0;
        pub const NEG_INFINITY: f64 = 0.0;
        pub const NAN: f64 = 0.0;
        pub const RADIX: u32 = 2;
        pub const MANTISSA_DIGITS: u32 = 0;
        pub const DIGITS: u32 = 0;
    }
    #[derive(Clone, Copy)]
    pub struct NonZeroU8 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroU16 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroU32 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroU64 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroU128 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroUsize {}
    #[derive(Clone, Copy)]
    pub struct NonZeroI8 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroI16 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroI32 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroI64 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroI128 {}
    #[derive(Clone, Copy)]
    pub struct NonZeroIsize {}
    #[derive(Clone, Copy)]
    pub struct NonZero<T>(T);
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct ParseIntError {
        kind: IntErrorKind,
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub enum IntErrorKind {
        Empty,
        InvalidDigit,
        PosOverflow,
        NegOverflow,
        Zero,
    }
    #[derive(Clone)]
    #[futurelens(layout)]
    pub struct ParseFloatError {
        kind: FloatErrorKind,
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub enum FloatErrorKind {
        Empty,
        Invalid,
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct TryFromIntError(());
    #[derive(Clone, Copy)]
    pub struct Wrapping<T>(pub T);
    #[derive(Clone, Copy)]
    pub struct Saturating<T>(pub T);
}

pub mod char {
    #[derive(Clone)]
    pub struct ToUppercase {
        chars: [char; 3],
    }
    impl Iterator for ToUppercase {
        type Item = char;
    }
    #[derive(Clone)]
    pub struct ToLowercase {
        chars: [char; 3],
    }
    impl Iterator for ToLowercase {
        type Item = char;
    }
    #[derive(Clone, Copy)]
    pub struct ParseCharError {}
}

pub mod net {
    #[derive(Clone, Copy)]
    pub enum IpAddr {
        V4(Ipv4Addr),
        V6(Ipv6Addr),
    }
    #[derive(Clone, Copy)]
    pub struct Ipv4Addr {}
    impl Ipv4Addr {
        pub const fn new(a: u8, b: u8, c: u8, d: u8) -> Ipv4Addr {}
        pub const fn octets(&self) -> [u8; 4] {}
        pub const LOCALHOST: Ipv4Addr = Ipv4Addr {};
    }
    #[derive(Clone, Copy)]
    pub struct Ipv6Addr {}
    #[derive(Clone, Copy)]
    pub enum SocketAddr {
        V4(SocketAddrV4),
        V6(SocketAddrV6),
    }
    impl SocketAddr {
        pub fn new(ip: IpAddr, port: u16) -> SocketAddr {}
        pub fn ip(&self) -> IpAddr {}
        pub fn port(&self) -> u16 {}
    }
    #[derive(Clone, Copy)]
    pub struct SocketAddrV4 {}
    #[derive(Clone, Copy)]
    pub struct SocketAddrV6 {}
    pub struct TcpStream {}
    impl Drop for TcpStream {}
    pub struct TcpListener {}
    impl Drop for TcpListener {}
    pub struct UdpSocket {}
    impl Drop for UdpSocket {}
    #[derive(Clone)]
    pub struct AddrParseError(u8);
}

pub mod fs {
    pub struct File {}
    impl Drop for File {}
    pub fn read_to_string<P>(path: P) -> io::Result<String> {}
    pub fn read<P>(path: P) -> io::Result<Vec<u8>> {}
    pub fn write<P, C>(path: P, contents: C) -> io::Result<()> {}
}

pub mod io {
    #[futurelens(layout)]
    pub struct Error {
        repr: Box<u8>,
    }
    impl Error {
        pub fn new<E>(kind: ErrorKind, error: E) -> Error {}
        pub fn other<E>(error: E) -> Error {}
        pub fn kind(&self) -> ErrorKind {}
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub enum ErrorKind {
        NotFound,
        PermissionDenied,
        ConnectionRefused,
        ConnectionReset,
        TimedOut,
        WouldBlock,
        InvalidInput,
        InvalidData,
        UnexpectedEof,
        Other,
    }
    pub type Result<T> = result::Result<T, Error>;
    pub struct Stdin {}
    pub fn stdin() -> Stdin {}
    pub trait Read {}
    pub trait Write {}
}

pub mod fmt {
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Error;
    pub type Result = result::Result<(), Error>;
    pub struct Formatter<'a> {
        buf: &'a mut u8,
    }
    pub trait Display {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    pub trait Debug {
        fn fmt(&self, f: &mut Formatter<'_>) -> Result;
    }
    pub trait Write {
        fn write_str(&mut self, s: &str) -> Result;
    }
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Arguments<'a> {
        pieces: &'a [&'static str],
    }
}

pub mod path {
    pub struct Path {
        inner: [u8],
    }
    pub struct PathBuf {
        inner: Vec<u8>,
    }
    impl Deref for PathBuf {
        type Target = Path;
    }
}

pub mod ffi {
    pub struct OsString {
        inner: Vec<u8>,
    }
    pub struct OsStr {
        inner: [u8],
    }
    pub struct CString {
        inner: Box<[u8]>,
    }
    pub struct CStr {
        inner: [u8],
    }
}

pub mod error {
    pub trait Error {}
}

pub mod any {
    #[derive(Clone, Copy)]
    pub struct TypeId {}
    pub trait Any {}
}

pub mod thread {
    pub struct JoinHandle<T> {
        native: T,
    }
    impl<T> Drop for JoinHandle<T> {}
    impl<T> JoinHandle<T> {
        pub fn join(self) -> Result<T, Box<dyn Any + Send>> {}
    }
    pub fn spawn<F, T>(f: F) -> JoinHandle<T> {}
    pub fn sleep(dur: Duration) {}
}

pub mod process {
    pub fn exit(code: i32) -> ! {}
    pub fn abort() -> ! {}
}

pub mod alloc {
    #[derive(Clone, Copy)]
    #[futurelens(layout)]
    pub struct Global;
}

pub mod ptr {
    #[derive(Clone, Copy)]
    pub struct NonNull<T: ?Sized> {
        pointer: *const T,
    }
}

pub mod hint {
    pub unsafe fn unreachable_unchecked() -> ! {}
    pub fn black_box<T>(dummy: T) -> T {}
}

pub mod prelude {}
