//! Kafka's rules for a topic name, checked before connecting so that a bad name is refused
//! with the rule it breaks. Pure; used by every command that takes a topic and by the
//! consumer engine's config.

/// The longest topic name Kafka accepts.
const MAX_TOPIC_NAME: usize = 249;

/// Checks a topic name against Kafka's rules, so a bad one is refused before connecting.
pub fn validate_topic_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("topic name is empty".into());
    }
    if name == "." || name == ".." {
        return Err(format!("topic name {name:?} is not allowed"));
    }
    if name.len() > MAX_TOPIC_NAME {
        return Err(format!(
            "topic name {name:?} is {} characters; Kafka allows at most {MAX_TOPIC_NAME}",
            name.len()
        ));
    }
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-')))
    {
        return Err(format!(
            "topic name {name:?} contains {c:?}; use letters, digits, '.', '_' and '-'"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_kafkas_rules() {
        assert!(validate_topic_name(&"x".repeat(250)).is_err());
        assert!(validate_topic_name("..").is_err());
        assert!(validate_topic_name("posts.dlq-1_a").is_ok());
    }
}
