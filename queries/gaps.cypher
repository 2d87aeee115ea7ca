// Unstudied combinations: language x technique and model family x language pairs that no paper covers, ranked by how studied each side is.
// @param min_papers: 2
// @param limit: 25
CALL {
  MATCH (l:Language)<-[:STUDIES_LANGUAGE]-(lp:Paper)
  WITH l, count(DISTINCT lp) AS first_papers
  WHERE first_papers >= $min_papers
  MATCH (t:Technique)<-[:APPLIES_TECHNIQUE]-(tp:Paper)
  WITH l, first_papers, t, count(DISTINCT tp) AS second_papers
  WHERE second_papers >= $min_papers
    AND NOT EXISTS { MATCH (l)<-[:STUDIES_LANGUAGE]-(:Paper)-[:APPLIES_TECHNIQUE]->(t) }
  RETURN 'language x technique' AS gap, l.name AS first, l.iri AS first_iri, t.name AS second, t.iri AS second_iri,
         first_papers, second_papers
  UNION ALL
  MATCH (p:Paper)-[:USES_MODEL|INTRODUCES_MODEL]->(:Model)-[:DERIVED_FROM*0..20]->(f:Model)
  WHERE NOT EXISTS { MATCH (f)-[:DERIVED_FROM]->(:Model) }
  WITH f, collect(DISTINCT p) AS family
  WHERE size(family) >= $min_papers
  MATCH (l:Language)<-[:STUDIES_LANGUAGE]-(lp:Paper)
  WITH f, family, l, count(DISTINCT lp) AS second_papers
  WHERE second_papers >= $min_papers
    AND NOT EXISTS { MATCH (l)<-[:STUDIES_LANGUAGE]-(x:Paper) WHERE x IN family }
  RETURN 'model family x language' AS gap, f.name AS first, f.iri AS first_iri, l.name AS second, l.iri AS second_iri,
         size(family) AS first_papers, second_papers
}
RETURN gap, first, second, first_papers * second_papers AS score, first_papers, second_papers, first_iri, second_iri
ORDER BY score DESC, gap, first, second
LIMIT $limit
