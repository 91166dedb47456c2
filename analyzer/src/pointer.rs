//! The std smart pointers, `Box<T>`, `Rc<T>` and `Arc<T>`: each owns one value on the heap and
//! derefs to it, so a field read or a `*` through one reaches the pointee, and a future inside
//! one is behind a pointer, not inline. One place for the test instead of a copy per use.
//!
//! In: a type (or the name of one, as [`Ty::Adt`] holds it: its last path segment). Out:
//! whether it is one of the three, and what it points to.

use crate::ty::Ty;

/// The smart pointers' names.
pub const SMART_POINTERS: [&str; 3] = ["Box", "Rc", "Arc"];

/// What a smart pointer whose argument is not written points to.
static UNKNOWN: Ty = Ty::Unknown;

/// Whether `name` names `Box`, `Rc` or `Arc`.
pub fn is_smart_pointer_name(name: &str) -> bool {
    SMART_POINTERS.contains(&name)
}

/// What a `Box`, `Rc` or `Arc` points to ([`Ty::Unknown`] when its argument is not written);
/// `None` for every other type.
pub fn pointee(ty: &Ty) -> Option<&Ty> {
    match ty {
        Ty::Adt { name, args } if is_smart_pointer_name(name) => Some(args.first().unwrap_or(&UNKNOWN)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ty::Prim;

    #[test]
    fn box_rc_and_arc_point_to_their_argument() {
        let u8_ = Ty::Prim(Prim::U8);
        for name in SMART_POINTERS {
            assert!(is_smart_pointer_name(name));
            let ty = Ty::adt(name, vec![u8_.clone()]);
            assert_eq!(pointee(&ty), Some(&u8_), "{name}");
        }
        assert_eq!(pointee(&Ty::adt("Box", vec![])), Some(&Ty::Unknown));
        for other in ["Vec", "Pin", "Weak", "Boxed"] {
            let ty = Ty::adt(other, vec![u8_.clone()]);
            assert!(!is_smart_pointer_name(other) && pointee(&ty).is_none(), "{other}");
        }
        let reference = Ty::Ref { mutable: false, inner: Box::new(u8_) };
        assert!(pointee(&reference).is_none());
    }
}
