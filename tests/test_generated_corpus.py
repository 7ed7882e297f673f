"""Plans the builder has never seen: seed layouts with other places, posts, tools and years."""
import random

import pytest

from bench.corpus import generate, synthesise
from builder.pipeline import build_corpus


def test_synthesis_is_deterministic(seed_path):
    text = seed_path("001").read_text(encoding="utf-8")
    assert synthesise(text, random.Random(7)) == synthesise(text, random.Random(7))
    assert synthesise(text, random.Random(7)) != text


@pytest.fixture(scope="module")
def generated(tmp_path_factory, corpus):
    seeds = sorted(d.path for d in corpus.documents)
    paths = generate(seeds, 10, tmp_path_factory.mktemp("generated"), seed=3)
    return build_corpus(paths), corpus


def test_every_generated_plan_builds_like_its_seed(generated):
    result, seeds = generated
    assert not result.errors
    for index, document in enumerate(result.documents):
        seed_plan = seeds.documents[index % len(seeds.documents)].plan
        assert [r.number for r in document.plan.recommendations] == [r.number for r in seed_plan.recommendations]
        assert [r.agreement for r in document.plan.recommendations] == [r.agreement for r in seed_plan.recommendations]
        assert sum(len(r.actions) for r in document.plan.recommendations) == \
            sum(len(r.actions) for r in seed_plan.recommendations)


def test_generated_plans_get_their_own_identifiers(generated):
    result, seeds = generated
    keys = {d.plan.key for d in result.documents}
    assert not keys & {d.plan.key for d in seeds.documents}


def test_a_large_generated_corpus_has_no_two_plans_alike(tmp_path, seed_path):
    """Every seed layout re-told many times over: each copy is a plan of its own."""
    seeds = [seed_path(number) for number in ("000", "001", "002", "003", "004")]
    result = build_corpus(generate(seeds, 45, tmp_path, seed=5))
    assert not result.errors
    assert len({d.plan.key for d in result.built}) == 45
