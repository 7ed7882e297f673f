"""Property names in words a policy officer uses, for entity pages (the ontology's own labels are
for people who write queries: "was derived from", "post in", "ordinal")."""
from __future__ import annotations

AP = "https://w3id.org/plangraph/ontology#"
ORG = "http://www.w3.org/ns/org#"
PROV = "http://www.w3.org/ns/prov#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"

# what the entity's own statements say: "<name>: <value>"
OUTGOING = {
    RDFS + "label": "Name", DCTERMS + "title": "Title", DCTERMS + "description": "What it says",
    SKOS + "prefLabel": "Full name", SKOS + "notation": "Short name", SKOS + "altLabel": "Also written",
    SKOS + "inScheme": "Listed in", SKOS + "closeMatch": "Means about the same as",
    ORG + "postIn": "A post in", ORG + "unitOf": "A unit of", ORG + "subOrganizationOf": "Part of",
    PROV + "wasDerivedFrom": "Read from the document", PROV + "wasGeneratedBy": "Made by the build",
    PROV + "used": "Read", PROV + "wasAssociatedWith": "Run by",
    AP + "abbreviation": "Short name", AP + "actionNumber": "Action number",
    AP + "addressedTo": "Addressed to", AP + "addresses": "Answers recommendation",
    AP + "agreement": "Agreement", AP + "agreementInferred": "Agreement worked out from the summary table",
    AP + "agreementRationale": "Why not fully agreed", AP + "agreementText": "Agreement as printed",
    AP + "availability": "Available yet?", AP + "buildWarning": "Reading problem",
    AP + "dependencyEvidence": "The plan says", AP + "dependencyTarget": "Waits on",
    AP + "dependsOn": "Waits on", AP + "developedBy": "Being developed by", AP + "hasAction": "Action",
    AP + "hasDependency": "Dependency", AP + "hasMeasure": "How progress is measured",
    AP + "hasRecommendation": "Recommendation", AP + "inspectedOrganisation": "Inspected body",
    AP + "involves": "Involves", AP + "layout": "Document layout",
    AP + "mentions": "Mentions the tool", AP + "numberInferred": "Number worked out from its place",
    AP + "ordinal": "Position in its recommendation", AP + "owner": "Owner", AP + "ownerIn": "Owner in",
    AP + "ownerText": "Owner as printed", AP + "progress": "Progress",
    AP + "rationaleReason": "Reason given", AP + "recommendationNumber": "Recommendation number",
    AP + "recurrence": "How often", AP + "repeatedFromPreviousInspection": "Repeated from the previous inspection",
    AP + "reportPublishedOn": "Inspection report published", AP + "responseText": "The plan's response",
    AP + "sha256": "Fingerprint (SHA-256)", AP + "sourceLineEnd": "Last line in the document",
    AP + "sourceLineStart": "First line in the document", AP + "sourceText": "Text as printed",
    AP + "subActionOf": "Part of action", AP + "submittedOn": "Plan submitted",
    AP + "summaryAgreed": "Summary table: agreed", AP + "summaryNotAgreed": "Summary table: not agreed",
    AP + "summaryPartlyAgreed": "Summary table: partly agreed", AP + "summaryTotal": "Summary table: total",
    AP + "targetDate": "Due", AP + "targetQualifier": "Note on the date", AP + "targetStartDate": "Starts",
    AP + "targetText": "Due as printed", AP + "textMissingFromSource": "Text lost from the document",
}
# what other things say about it, read from its side: "<name>: <the other thing>"
INCOMING = {
    AP + "owner": "Action it owns", AP + "ownerIn": "Owner in it", ORG + "postIn": "Post in it",
    ORG + "unitOf": "Unit of it", ORG + "subOrganizationOf": "Part of it", AP + "hasAction": "Recommendation",
    AP + "hasRecommendation": "Plan", AP + "addresses": "Action answering it", AP + "mentions": "Mentioned by",
    AP + "involves": "Involved in", AP + "dependsOn": "Waited on by", AP + "dependencyTarget": "Dependency",
    AP + "developedBy": "Develops", AP + "inspectedOrganisation": "Plan inspecting it",
    AP + "addressedTo": "Recommendation to it", AP + "subActionOf": "Sub-action",
    AP + "hasDependency": "Action", AP + "hasMeasure": "Measure of",
    PROV + "wasDerivedFrom": "Read from it", PROV + "used": "Build that read it",
    PROV + "wasGeneratedBy": "Made by it", SKOS + "inScheme": "In the list",
}
# kinds of entity by their classes, first match wins (a tool in development is a tool first)
KINDS = [
    (AP + "ActionPlan", "plan", "Action plan"), (AP + "Recommendation", "recommendation", "Recommendation"),
    (AP + "Action", "action", "Action"), (AP + "Owner", "owner", "Owner (a post or team)"),
    (AP + "Tool", "tool", "Tool or framework"),
    (AP + "LocalPrerequisite", "deliverable", "Local prerequisite: work its own plan must do first"),
    (AP + "CentralDeliverable", "deliverable", "Central framework, tool, strategy or programme"),
    (AP + "Deliverable", "deliverable", "Something actions wait on"),
    (ORG + "OrganizationalUnit", "organisation", "Unit of an organisation"),
    (ORG + "Organization", "organisation", "Organisation"),
]
# what an owner, organisation, tool or deliverable page says first, above its action tables
KEY_FACTS = {
    "owner": (ORG + "postIn", AP + "ownerIn", SKOS + "altLabel"),
    "organisation": (SKOS + "prefLabel", AP + "abbreviation", ORG + "subOrganizationOf", ORG + "unitOf",
                     SKOS + "altLabel"),
    "tool": (SKOS + "prefLabel", SKOS + "notation", AP + "availability", AP + "developedBy"),
    "deliverable": (AP + "developedBy", AP + "availability"),
}
