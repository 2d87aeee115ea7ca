// Papers that build on a model family (the model or any model derived from it) for one language.
// @param family: RoBERTa
// @param language: German
MATCH (base:Model)
WHERE base.iri = $family OR toLower(base.name) = toLower($family)
MATCH (m:Model)-[:DERIVED_FROM*0..20]->(base)
WITH DISTINCT m
MATCH (p:Paper)-[u:USES_MODEL|INTRODUCES_MODEL]->(m)
MATCH (p)-[:STUDIES_LANGUAGE]->(l:Language)
WHERE l.iri = $language OR toLower(l.name) = toLower($language) OR l.iri ENDS WITH '/' + toLower($language)
RETURN p.name AS paper, p.year AS year, p.iri AS iri, l.name AS language,
       collect(DISTINCT m.name) AS models, collect(DISTINCT type(u)) AS relations
ORDER BY paper
