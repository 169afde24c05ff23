use crate::frontends::vue::analyze;
use crate::model::VueComponent;

fn component(src: &str) -> VueComponent {
    let f = analyze("src/components/C.vue", src.as_bytes());
    assert!(f.problems.is_empty(), "{:?}", f.problems);
    f.surface.and_then(|s| s.vue).expect("a component API")
}

fn props(c: &VueComponent) -> Vec<String> {
    let mut v: Vec<String> = c
        .props
        .iter()
        .map(|p| {
            format!(
                "{}: {} req={} def={}",
                p.name,
                p.types.join("|"),
                p.required,
                p.default
            )
        })
        .collect();
    v.sort();
    v
}

#[test]
fn type_based_props_with_defaults_emits_models_expose() {
    let c = component(
        r#"<script setup lang="ts">
interface Props { title: string; count?: number | string; tags?: Array<string | number> }
const props = withDefaults(defineProps<Props>(), { count: 0 })
const emit = defineEmits<{ (e: 'change', id: number): void; (e: 'close'): void }>()
const model = defineModel<string>({ required: true })
const qty = defineModel<number>('qty')
function reset() {}
defineExpose({ reset, size: 3 })
</script>
<template><div/></template>"#,
    );
    assert_eq!(
        props(&c),
        [
            "count: number|string req=false def=true",
            "tags: Array<string | number> req=false def=false",
            "title: string req=true def=false"
        ]
    );
    let emits: Vec<String> = c
        .emits
        .iter()
        .map(|e| format!("{} {:?}", e.name, e.payload))
        .collect();
    assert_eq!(emits, ["change Some(\"[number]\")", "close Some(\"[]\")"]);
    let models: Vec<String> = c
        .models
        .iter()
        .map(|m| format!("{} {:?} {}", m.name, m.types, m.required))
        .collect();
    assert_eq!(
        models,
        ["modelValue [\"string\"] true", "qty [\"number\"] false"]
    );
    let ex: Vec<&str> = c.exposes.iter().map(|e| e.name.as_str()).collect();
    assert_eq!(ex, ["reset", "size"]);
}

#[test]
fn runtime_props_and_named_tuple_emits_and_imported_props() {
    let c = component(
        r#"<script setup lang="ts">
import type { PropType } from 'vue'
import type { User } from './types'
defineProps({
  user: { type: Object as PropType<User>, required: true },
  size: [String, Number],
  dense: { type: Boolean, default: false },
})
defineEmits<{ select: [id: number, label: string]; clear: [] }>()
</script>"#,
    );
    assert_eq!(
        props(&c),
        [
            "dense: boolean req=false def=true",
            "size: number|string req=false def=false",
            "user: User req=true def=false"
        ]
    );
    let emits: Vec<String> = c
        .emits
        .iter()
        .map(|e| format!("{} {:?}", e.name, e.payload))
        .collect();
    assert_eq!(
        emits,
        ["select Some(\"[number, string]\")", "clear Some(\"[]\")"]
    );
    let c = component(
        "<script setup lang=\"ts\">\nimport type { CardProps } from '@/types/card'\nwithDefaults(defineProps<CardProps>(), { dense: true })\n</script>",
    );
    let r = c.props_type.expect("imported props type");
    assert_eq!(
        (r.source.as_str(), r.name.as_str()),
        ("@/types/card", "CardProps")
    );
    assert_eq!(c.defaults, ["dense"]);
}

#[test]
fn options_api_component() {
    let c = component("<script>\nexport default { props: ['a', 'b'], emits: ['done'] }\n</script>");
    assert_eq!(
        props(&c),
        ["a:  req=false def=false", "b:  req=false def=false"]
    );
    assert_eq!(c.emits[0].name, "done");
}
