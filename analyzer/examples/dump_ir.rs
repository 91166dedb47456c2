fn main() {
    let args: Vec<String> = std::env::args().collect();
    let src = std::fs::read_to_string(&args[1]).unwrap();
    let a = futurelens_analyzer::analyze(&src, &Default::default());
    for f in a.futures.iter().filter(|f| f.name == args[2]) {
        for (i, l) in f.body.locals.iter().enumerate() { println!("_{i}: {} {:?} {}", l.name, l.kind, l.ty); }
        for (i, b) in f.body.blocks.iter().enumerate() {
            println!("bb{i}:");
            for s in &b.stmts { println!("   {:?} @{}", s.kind, s.line); }
            println!("   -> {:?}", b.terminator);
        }
    }
}
