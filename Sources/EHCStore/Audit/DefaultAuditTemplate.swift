/// The default audit template shipped inside the binary, so `ehcdesk` finds it wherever it is installed.
///
/// Its source of truth is `Fixtures/audit-templates/ehc-plan.toml`; a test fails if the two differ.
///
/// ```swift
/// let template = try AuditTemplateFile.parse(DefaultAuditTemplate.text, file: DefaultAuditTemplate.name)
/// ```
public enum DefaultAuditTemplate {
    public static let name = "ehc-plan.toml"
    /// The `id` the text below declares.
    public static let id = "ehc-plan"

    public static let text = """
# The default quality-assurance checklist for EHC plans, written for ehcdesk.
# Sections follow the plan's lettered sections (SEND Code of Practice 9.62) plus multi-agency
# contribution. Answer with y / p / n / - (not applicable), or 1–4 for graded questions.
# A limiting question answered "no" caps the plan at Requires improvement, however good the rest.

id = "ehc-plan"
title = "EHC plan quality assurance"

[grading]
outstanding = 0.9
good = 0.75
requiresImprovement = 0.5
limitingCap = "requiresImprovement"

[[sections]]
code = "X"
title = "Whole plan"

[[sections.questions]]
id = "X1"
text = "Are all required sections present and separately identified?"
guidance = "Regulation 12(1) requires the sections to be separately identified; look for A to K in order."
limiting = true

[[sections.questions]]
id = "X2"
text = "Is the language clear, jargon explained, and written about the child in a positive, strengths-based way?"

[[sections.questions]]
id = "X3"
text = "Can each need be traced to an outcome and to provision (the golden thread)?"
guidance = "Pick two needs in B, C or D and follow each to E and to F, G or H."

[[sections.questions]]
id = "X4"
text = "Does the plan avoid vague wording such as 'access to', 'regular', 'as appropriate' or 'up to'?"

[[sections]]
code = "A"
title = "Views, interests and aspirations"

[[sections.questions]]
id = "A1"
text = "Are the child's or young person's own views recorded, and is it clear how they were gathered?"
limiting = true

[[sections.questions]]
id = "A2"
text = "Are the parents' views and aspirations recorded, kept separate where they differ?"

[[sections.questions]]
id = "A3"
text = "Does it say how the child communicates and how to involve them in decisions?"

[[sections.questions]]
id = "A4"
text = "From Year 9: are aspirations for employment, independent living, community and health covered?"
guidance = "Answer - (not applicable) for children below Year 9."

[[sections]]
code = "B"
title = "Special educational needs"

[[sections.questions]]
id = "B1"
text = "Are strengths and current attainment described?"

[[sections.questions]]
id = "B2"
text = "Are needs specific, evidence-based and grouped by the four broad areas?"
limiting = true

[[sections]]
code = "C"
title = "Health needs"

[[sections.questions]]
id = "C1"
text = "Are health needs related to SEN described from the health advice, or is it stated clearly that there are none?"

[[sections]]
code = "D"
title = "Social care needs"

[[sections.questions]]
id = "D1"
text = "Are social care needs related to SEN or disability described, or is it stated clearly that there are none?"

[[sections]]
code = "E"
title = "Outcomes"

[[sections.questions]]
id = "E1"
text = "Is each outcome SMART, personal to the child and aspirational?"
limiting = true

[[sections.questions]]
id = "E2"
text = "Is each outcome linked to a need, with a timescale (end of phase or key stage)?"

[[sections]]
code = "F"
title = "Special educational provision"

[[sections.questions]]
id = "F1"
text = "Is the provision specified and quantified: what, who, expertise, how often, how long, group size?"
guidance = "Code of Practice 9.69: provision must normally be detailed, specific and quantified."
limiting = true

[[sections.questions]]
id = "F2"
text = "Does every need in B have provision in F?"

[[sections.questions]]
id = "F3"
text = "Is therapy that educates or trains (such as speech and language therapy) placed in F?"

[[sections]]
code = "G"
title = "Health provision"

[[sections.questions]]
id = "G1"
text = "Is health provision specific, quantified and agreed by the integrated care board (e.g. signed off by the DCO)?"
guidance = "Regulation 12(2): health provision must be agreed by the responsible commissioning body."

[[sections]]
code = "H"
title = "Social care provision"

[[sections.questions]]
id = "H1"
text = "Is social care provision specific and quantified, with CSDPA section 2 provision separated into H1?"

[[sections]]
code = "I"
title = "Placement"

[[sections.questions]]
id = "I1"
text = "Is a setting named, or a type only with reasons, with the parent's preference and the consultation recorded?"

[[sections]]
code = "J"
title = "Personal budget"

[[sections.questions]]
id = "J1"
text = "Where a personal budget was requested, are the amount and arrangements recorded and linked to outcomes?"
guidance = "Answer - (not applicable) when no personal budget was requested."

[[sections]]
code = "K"
title = "Advice and information"

[[sections.questions]]
id = "K1"
text = "Is all the advice of regulation 6(1) appended, listed and dated, with any missing advice explained?"

[[sections]]
code = "M"
title = "Multi-agency contribution"

[[sections.questions]]
id = "M1"
text = "Did education, health and social care each contribute advice and confirm their sections?"

[[sections.questions]]
id = "M2"
text = "Overall, how well does the plan tell the child's story and show co-production with the family?"
scale = "grade"
guidance = "1: not at all; 2: in part; 3: mostly; 4: throughout, in the family's own words."

"""
}
