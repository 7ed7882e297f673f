"""Stage: find what actions wait on, as the plans say it in words.

Cues, not sentences: a thing said to be in development ("currently being developed
centrally", "progressing through accreditation", "once it has been developed", "dependant on
provision of ... from <body>"), work with a body "to develop" something, a condition still to be
met ("once the vacancies are filled"), a cross-reference to another action ("See 3.1 above"), and
integration into another action's roll-out.  Each dependency keeps the sentence that states it.
"""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .ids import slug
from .model import Action, Deliverable, Dependency, Plan
from .normalise.reference import load_reference
from .text import fold

IN_DEVELOPMENT = re.compile(
    r"\b(?:currently )?(?:being|still being) developed\b|\bin development\b|\bunder development\b|"
    r"\bdeveloped centrally\b|\bonce (?:it|they|this) (?:has|have) been developed\b|\byet to be "
    r"(?:developed|agreed|provided|finalised)\b|\bprogressing through accreditation\b|\bawaiting\b|"
    r"\bdependa?e?nt (?:on|upon) (?:the )?(?:\w+ )?(?:national )?(?:provision|publication|roll[- ]?out)\b|"
    r"\bsubject to (?:the )?(?:national )?(?:provision|approval|development|publication|roll[- ]?out)\b|"
    r"\bto develop an? \b|\bto assess (?:national |wider )?roll[- ]?out\b", re.I)
# a word every phrase of IN_DEVELOPMENT has (casefolded, as re.I compares): most sentences have none,
# and the substring tests are many times cheaper than the pattern's try at every word
_DEVELOPMENT_WORDS = ("develop", "yet to be", "accreditation", "awaiting", "depend", "subject to", "roll")


def says_in_development(sentence: str) -> bool:
    folded = sentence.casefold()
    return any(word in folded for word in _DEVELOPMENT_WORDS) and IN_DEVELOPMENT.search(sentence) is not None

CONDITION = re.compile(r"\bonce (?:the |all )?((?:[\w-]+ ){0,4}?[\w-]+) (?:is|are|has been|have been) "
                       r"(filled|recruited|in place|available|agreed|approved|appointed|developed|published|"
                       r"issued|released|finalised)\b", re.I)
# "in line with" only says what work follows, not what it waits on: no cue
EXISTING = re.compile(r"\b(?:in accordance with|governed through) (?:the )?", re.I)
CROSS_REFERENCE = re.compile(r"\bsee (?:action )?(\d+(?:\.\d+)+)\.?(?:\s+(?:above|below))?", re.I)
INTEGRATED = re.compile(r"\b(?:integrated into|part of|aligned (?:to|with)) the ((?:[\w-]+ ){1,4}?)"
                        r"(?:roll[- ]?out|implementation|launch)\b", re.I)
HEAD_NOUNS = (r"(?:framework|strategy|package|programme|model|guidance|tool|review|board|pathfinder|specification|"
              r"committee|policy)")
STOP_WORDS = {"the", "a", "an", "this", "that", "its", "their", "our", "of", "to", "and", "&", "on", "from",
              "with", "via", "by", "for", "into", "in", "is", "are", "be", "being", "been", "which",
              "will", "develop", "developed", "deliver", "implement", "implementation", "using", "use",
              "provision", "dependent", "dependant", "once", "currently", "has", "have", "it", "new",
              "roll", "out", "accordance", "through", "as", "per", "until", "after", "when", "nb"}
DETERMINERS = {"the", "a", "an", "this", "its", "their", "our", "new", "of", "to", "and", "develop", "using",
               "deliver", "implement", "implementation", "with", "via", "by", "for", "into", "on"}
# sentence ends, list bullets, brackets, and the next numbered action ("... in development 1.9 Process")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z(•▪-])|\s+[•▪]\s+|\(|\)|(?<![Ss]ee)\s+(?=\d{1,2}(?:\.\d{1,2})+\.?\s+[A-Z])")
DEVELOPER_KINDS = {"CentralBody", "Government", "Company"}
# What a plan's own body does or needs first: posts to fill, its own review.  Such a thing is a local
# prerequisite, not central work, unless the plan names a central or national body developing it.
LOCAL_WORK = {"vacancy", "vacancies", "post", "posts", "recruitment", "appointment", "appointments",
              "staff", "staffing", "review", "evaluation", "audit"}


_SHORT_NAME = re.compile(r"\(([A-Z][A-Za-z&]{1,7}\d?)\)")  # "Enablers of Change (EoC) is ...": not an aside


def sentences(text: str) -> list[str]:
    return list(_sentences(text or ""))


@lru_cache(maxsize=1 << 14)  # each response and action text is split for every kind of dependency
def _sentences(text: str) -> tuple[str, ...]:
    kept = _SHORT_NAME.sub("\ue000\\1\ue001", text)
    parts = (fold(part).lstrip("•▪- ").replace("\ue000", "(").replace("\ue001", ")") for part in _SENTENCE.split(kept))
    return tuple(part for part in parts if part)


def find_dependencies(plan: Plan) -> Plan:
    """The plan with its deliverables and dependencies filled in (a pure function)."""
    finder = _Finder(plan)
    for rec in plan.recommendations:
        finder.statements_in(rec.response or "")
        for action in rec.actions:
            finder.statements_in(action.text)
    for rec in plan.recommendations:
        for action in rec.actions:
            finder.action_dependencies(action)
    return replace(plan, deliverables=dict(sorted(finder.deliverables.items())),
                   dependencies=finder.dependencies, organisations=dict(sorted(finder.organisations.items())))


class _Finder:
    def __init__(self, plan: Plan):
        self.plan = plan
        self.reference = load_reference()
        self.organisations = dict(plan.organisations)
        self.deliverables: dict[str, Deliverable] = {}
        self.statements: list[tuple[str, str]] = []  # (deliverable key, sentence) said in development
        self.dependencies: list[Dependency] = []
        self.actions = {a.key: a for rec in plan.recommendations for a in rec.actions}

    # ---------------------------------------------------------------- deliverables

    def developer(self, sentence: str) -> str | None:
        for name, key in sorted(self.reference.names.items(), key=lambda item: -len(item[0])):
            organisation = self.reference.organisations[key]
            if organisation.kind in DEVELOPER_KINDS and re.search(rf"(?<!\w){re.escape(name)}(?!\w)", sentence):
                self.organisations.setdefault(key, organisation)
                return key
        if re.search(r"\bcentral(?:ly)?\b", sentence, re.I):
            self.organisations.setdefault("central-team", self.reference.organisations["central-team"])
            return "central-team"
        return None

    def deliverable(self, label: str, sentence: str, availability: str | None, tool: str | None = None) -> str:
        label = _trim(label)
        proper = sum(word[0].isupper() for word in label.split()) >= 2 or tool is not None
        key = tool or (slug(label) if proper else f"{self.plan.key}/{slug(label)}")
        if not tool:  # one thing, however the plan capitalises it: the proper name's key wins
            key = self._same_thing(key, proper)
        previous = self.deliverables.get(key)
        developer = self.developer(sentence) or (previous.developer if previous else None)
        if previous and previous.availability == "InDevelopment":
            availability = "InDevelopment"
        label = previous.label if previous else label
        local = developer is None and tool is None and label.split()[-1].lower() in LOCAL_WORK
        self.deliverables[key] = Deliverable(key=key, label=label, developer=developer,
                                             availability=availability, tool=tool, local=local)
        return key

    def _same_thing(self, key: str, proper: bool) -> str:
        name = key.rsplit("/", 1)[-1]
        other = next((k for k in self.deliverables if k != key and k.rsplit("/", 1)[-1] == name), None)
        if other is None or not proper:
            return other or key
        self.deliverables[key] = replace(self.deliverables.pop(other), key=key)
        self.statements = [(key if k == other else k, sentence) for k, sentence in self.statements]
        self.dependencies = [replace(d, on_deliverable=key) if d.on_deliverable == other else d
                             for d in self.dependencies]
        return key

    def statements_in(self, text: str) -> None:
        """Things the plan says are still being developed, wherever it says so."""
        for sentence in sentences(text):
            if not says_in_development(sentence):
                continue
            tool = next((key for key in self.plan.tools if self._names_tool(sentence, key)), None)
            named = _in_development(sentence)
            if tool and (not named or named.islower()):  # "EoC is a new assessment tool": the tool's own name
                named = self.plan.tools[tool].label
            label = named
            if label or tool:
                key = self.deliverable(label or self.plan.tools[tool].notation, sentence, "InDevelopment", tool)
                self.statements.append((key, sentence))

    def _names_tool(self, sentence: str, key: str) -> bool:
        tool = self.plan.tools[key]
        names = [tool.notation] + ([tool.label] if tool.label else [])
        return any(re.search(rf"(?<!\w){re.escape(name)}", sentence, re.I) for name in names)

    # ---------------------------------------------------------------- per action

    def action_dependencies(self, action: Action) -> None:
        texts = sentences(action.text) + (list(action.target.qualifiers) if action.target else [])
        for sentence in texts:
            self._cross_reference(action, sentence)
            self._integration(action, sentence)
            self._waits_on(action, sentence)
        for key, sentence in self.statements:
            deliverable = self.deliverables[key]
            if (deliverable.tool in action.tools or _mentions(action.text, deliverable.label)) \
                    and not self._has(action, on_deliverable=key):
                self._add(action, sentence, on_deliverable=key)

    def _cross_reference(self, action: Action, sentence: str) -> None:
        for m in CROSS_REFERENCE.finditer(sentence):
            if m.group(1) in self.actions and m.group(1) != action.key:
                self._add(action, sentence, on_action=m.group(1))

    def _integration(self, action: Action, sentence: str) -> None:
        for m in INTEGRATED.finditer(sentence):
            phrase = _trim(m.group(1))
            other = next((a for a in self.actions.values()
                          if a.key != action.key and _mentions(a.text, phrase)), None)
            if other:
                self._add(action, sentence, on_action=other.key)

    def _waits_on(self, action: Action, sentence: str) -> None:
        if (m := CONDITION.search(sentence)) and (label := _condition_label(m.group(1), sentence, action.text)):
            tool = self._tool_meant(action, label)
            self._add(action, sentence, on_deliverable=self.deliverable(
                self.plan.tools[tool].label if tool else label, sentence, "InDevelopment", tool))
        elif says_in_development(sentence):
            label = _named_thing(sentence) or _named_thing(action.text, _bare_head(sentence))
            if label:
                self._add(action, sentence, on_deliverable=self.deliverable(label, sentence, "InDevelopment"))
        elif m := EXISTING.search(sentence):
            label = _named_thing(sentence[m.end():])
            if label and label.split()[-1].lower() in ("framework", "board", "model", "guidance", "strategy"):
                self._add(action, sentence, on_deliverable=self.deliverable(label, sentence, "Available"))

    def _tool_meant(self, action: Action, label: str) -> str | None:
        """ "adopt the CMQF ... once the national framework has been published": a kind of thing
        named only by its kind ("national framework") is the one tool of that kind the action uses."""
        words = label.lower().split()
        if not set(words[:-1]) <= _GENERIC or not re.fullmatch(HEAD_NOUNS, words[-1]):
            return None
        kind = [key for key in action.tools if key in self.plan.tools
                and self.plan.tools[key].label.lower().endswith(words[-1])]
        return kind[0] if len(kind) == 1 else None

    def _has(self, action: Action, **target) -> bool:
        return any(d.action_key == action.key and all(getattr(d, k) == v for k, v in target.items())
                   for d in self.dependencies)

    def _add(self, action: Action, sentence: str, **target) -> None:
        if not self._has(action, **target):
            self.dependencies.append(Dependency(action_key=action.key, evidence=sentence, **target))


def _condition_label(said: str, sentence: str, text: str) -> str | None:
    """What a condition waits on: "once the CASPO vacancies are filled" names it; "once the
    framework has been developed" and "once it has been developed" point to the thing the
    sentence (or the action) names, "the Quality Assurance framework"."""
    if len(said.split()) > 1:
        return said
    named = _named_thing(sentence) or _named_thing(text)
    if named is None and (m := _THING_THEN_ONCE.search(sentence)):  # "implement the revised X once it is released"
        named = _trim(m.group(1))
    return named or (None if said.lower() in ("it", "they", "this", "these", "that", "those") else said)


_GENERIC = {"the", "national", "new", "revised", "central", "updated", "local", "regional"}
_THING_THEN_ONCE = re.compile(r"\bthe ((?:[\w&'’-]+ ){1,8}?[\w&'’-]+) once (?:it|they) ", re.I)


def _trim(label: str) -> str:
    words = label.split()
    while words and words[0].lower() in DETERMINERS:
        words = words[1:]
    return " ".join(words)


def _bare_head(sentence: str) -> str:
    """The kind of thing a sentence names without its name ("publication of the framework"): the
    action's own words then name it ("the national Risk Management Framework")."""
    m = re.search(rf"\bthe ({HEAD_NOUNS})\b", sentence, re.I)
    return m.group(1) if m else HEAD_NOUNS


def _named_thing(sentence: str, head: str = HEAD_NOUNS) -> str | None:
    """The most specific "X framework / X strategy / X package" the sentence names (of the kind
    ``head``, a pattern of head nouns, when given)."""
    return max(_named_things(sentence, head), key=len, default=None)


def _named_things(sentence: str, head: str = HEAD_NOUNS) -> list[str]:
    """Every "X framework / X strategy ..." the sentence names, in order."""
    found = []
    for clause in re.split(r"[,;:–]", sentence):
        words = re.findall(r"[\w&'’-]+", clause)
        for index, word in enumerate(words):
            if re.fullmatch(head, word, re.I):
                label = " ".join(_modifiers(words, index) + [word])
                if len(label.split()) >= 2:
                    found.append(label)
    return found


def _in_development(sentence: str) -> str | None:
    """What a sentence says is in development: the thing it names by a proper name ("Northshire
    Risk Tool"), else the thing the words that say so speak of, named just before them ("guidance
    will be issued once the national practice framework has been developed centrally") or, after
    "subject to", "dependent on", "awaiting", just after them."""
    proper = [thing for thing in _named_things(sentence) if sum(word[0].isupper() for word in thing.split()) >= 2]
    cue = IN_DEVELOPMENT.search(sentence)
    if proper or cue is None:
        return max(proper, key=len) if proper else _named_thing(sentence)
    if re.match(r"subject|depend|await|to ", cue.group(0), re.I):
        near = _named_things(sentence[cue.start():])[:1]
    else:
        near = _named_things(sentence[:cue.start()])[-1:]
    return near[0] if near else _named_thing(sentence)


def _modifiers(words: list[str], head: int) -> list[str]:
    """The words before a head noun that name it: stop at function words, keep "of"/"and"
    inside a capitalised name ("Enablers of Change")."""
    kept: list[str] = []
    for index in range(head - 1, max(head - 6, -1), -1):
        word = words[index]
        inside_name = word.lower() in ("of", "and", "&") and kept and kept[0][0].isupper() \
            and index > 0 and words[index - 1][0].isupper()
        if word.lower() in STOP_WORDS and not inside_name:
            break
        kept.insert(0, word)
    return kept


def _mentions(text: str, label: str) -> bool:
    words = [w for w in re.findall(r"[\w-]+", label.lower()) if w not in DETERMINERS]
    return len(words) >= 2 and re.search(r"\W+".join(map(re.escape, words)), text.lower()) is not None
