import os
import scale_corpus
from newsprism.config import Settings
from newsprism.scale import Pipeline, run_batch
from newsprism.scale.batch import connect


def rep(story, settings):
    return {"n": len(story.articles)}


def test_k(tmp_path):
    import cloudpickle
    cloudpickle.register_pickle_by_value(scale_corpus)
    marker = os.path.join(tmp_path, "m")
    root = os.path.join(tmp_path, "c")
    inputs = scale_corpus.write_corpus(root, records=scale_corpus.generate()[:60])
    s = Settings(); s.published = scale_corpus.txt_dates(root)
    with connect(None, 2) as c:
        summ = run_batch(inputs, os.path.join(tmp_path, "o"), settings=s, partition_size=8,
                         pipeline=Pipeline(report=scale_corpus.KillOnce(marker, rep), min_report_articles=2), client=c)
    assert os.path.exists(marker)
    assert summ.articles == 60
