// Ancestors and descendants of a model (by name, alias or IRI), with the kind of each hop and the papers that evidence it.
// @param model: GottBERT
MATCH (m:Model)
WHERE m.iri = $model OR toLower(m.name) = toLower($model)
   OR any(alias IN coalesce(m.alt_labels, []) WHERE toLower(alias) = toLower($model))
OPTIONAL MATCH up = (m)-[:DERIVED_FROM*1..20]->(:Model)
WITH m, collect(up) AS ups
OPTIONAL MATCH down = (m)<-[:DERIVED_FROM*1..20]-(:Model)
WITH m, [p IN ups | ['ancestor', p]] + [p IN collect(down) | ['descendant', p]] AS found
UNWIND found AS item
WITH m, item[0] AS direction, item[1] AS p
RETURN m.name AS from, direction, length(p) AS depth, last(nodes(p)).name AS model, last(nodes(p)).iri AS iri,
       [n IN nodes(p) | n.name] AS path,
       [r IN relationships(p) | r.kind] AS kinds,
       [r IN relationships(p) | [x IN coalesce([] + r.paper, []) WHERE x <> '']] AS papers
ORDER BY direction, depth, model
