#[test]
#[ignore]
fn dump_wire() {
    let root = std::path::Path::new("/tmp/1panel");
    let config = seam::config::Config::default();
    let a = seam::engine::analyze(root, &config, &seam::engine::Options::default()).unwrap();
    for p in &a.wire {
        let call = &a.calls[p.call];
        if call.path.to_string().ends_with("apps/search") {
            let data = |w: &seam::model::WireType| match w {
                seam::model::WireType::Object { fields, .. } => fields.iter().find(|f| f.name == "data").map(|f| serde_json::to_string(&f.ty).unwrap()).unwrap_or_default(),
                _ => String::new(),
            };
            println!("{:?} client data={}\n   server data={}", p.direction, &data(&p.client)[..data(&p.client).len().min(300)], &data(&p.server)[..data(&p.server).len().min(300)]);
        }
    }
}
