// Most-used base models per publication year: the models most papers use (USES_MODEL), top N per year ("unknown": papers without a date).
// @param top: 5
MATCH (p:Paper)-[:USES_MODEL]->(m:Model)
WITH coalesce(toString(p.year), "unknown") AS year, m, count(DISTINCT p) AS papers
ORDER BY papers DESC, m.name
WITH year, collect({model: m.name, iri: m.iri, papers: papers}) AS ranked
RETURN year, ranked[0..$top] AS models
ORDER BY year DESC
