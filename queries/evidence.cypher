// The evidence behind one edge: quote, field, offsets, method, confidence and paper of each relationship from one node to another.
// @param subject: GottBERT
// @param object: RoBERTa
MATCH (s)-[r]->(o)
WHERE (s.iri = $subject OR toLower(s.name) = toLower($subject))
  AND (o.iri = $object OR toLower(o.name) = toLower($object))
WITH s, r, o, coalesce(r.evidence, 0) AS n
UNWIND range(0, n - 1) AS i
RETURN s.name AS subject, type(r) AS relationship, r.kind AS kind, o.name AS object,
       ([] + r.method)[i] AS method, ([] + r.confidence)[i] AS confidence, ([] + r.quote)[i] AS quote,
       ([] + r.field)[i] AS field, ([] + r.start)[i] AS start, ([] + r.`end`)[i] AS `end`,
       ([] + r.paper)[i] AS paper, ([] + r.source)[i] AS source
ORDER BY relationship, paper, start
