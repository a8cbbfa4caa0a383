import hashlib
import http.server
import json
import threading

import pandas as pd
import pytest

import biaskit
from biaskit import CorpusError
from biaskit.datasets import fetch_file, load_allsides, load_babe, load_mediacloud

BABE = (
    "text,news_link,outlet,topic,type,label_bias,label_opinion,biased_words\n"
    '"The radical plan failed.",http://x.test/1,Outlet A,economy,left,Biased,Opinion,'
    "\"['radical']\"\n"
    '"Rates rose.",http://x.test/2,Outlet B,economy,center,Non-biased,Factual,[]\n'
    '"Hmm.",http://x.test/3,Outlet B,economy,center,No agreement,Factual,[]\n'
)


def test_load_babe(tmp_path):
    p = tmp_path / "babe.csv"
    p.write_text(BABE)
    df = load_babe(p)
    assert list(df["label"].astype("float").fillna(-1)) == [1, 0, -1]
    assert df.loc[0, "biased_words"] == ["radical"]
    assert df.loc[0, "lean"] == "left" and df.loc[0, "outlet"] == "Outlet A"
    semi = tmp_path / "semi.csv"
    semi.write_text(BABE.replace(",", ";").replace("\"['radical']\"", "['radical']"))
    assert load_babe(semi).loc[0, "biased_words"] == ["radical"]


def test_load_babe_errors(tmp_path):
    p = tmp_path / "bad.csv"
    p.write_text(BABE.replace("\"['radical']\"", "\"['radical'\""))
    with pytest.raises(CorpusError, match=r"bad\.csv:2: field 'biased_words'"):
        load_babe(p)
    q = tmp_path / "other.csv"
    q.write_text("a,b\n1,2\n")
    with pytest.raises(CorpusError, match="not a BABE/MBIC file"):
        load_babe(q)


def test_load_allsides_jsonl_and_json(tmp_path):
    rows = [
        {
            "ID": "a1",
            "topic": "elections",
            "source": "Paper One",
            "date": "2020-01-02",
            "title": "T",
            "content_original": "The regime fell.",
            "bias_text": "left",
            "bias": 0,
        },
        {
            "ID": "a2",
            "topic": "elections",
            "source": "Paper Two",
            "date": "2020-01-03",
            "title": "U",
            "content_original": "Rates rose.",
            "bias_text": "center",
            "bias": 1,
        },
    ]
    p = tmp_path / "s.jsonl"
    p.write_text("\n".join(json.dumps(r) for r in rows))
    df = load_allsides(p)
    assert list(df["id"]) == ["a1", "a2"]
    assert list(df["outlet"]) == ["Paper One", "Paper Two"]
    assert list(df["lean"]) == ["left", "center"]
    assert df.loc[0, "text"] == "The regime fell." and df.loc[0, "story"] == "elections"
    folder = tmp_path / "jsons"
    folder.mkdir()
    for r in rows:
        r = {k: v for k, v in r.items() if k != "content_original"} | {"content": r["title"]}
        (folder / f"{r['ID']}.json").write_text(json.dumps(r))
    df2 = load_allsides(folder)
    assert sorted(df2["text"]) == ["T", "U"]


def test_load_mediacloud(tmp_path):
    p = tmp_path / "mc.csv"
    pd.DataFrame(
        {
            "id": [1],
            "media_name": ["nyt"],
            "publish_date": ["2021-05-01 10:00:00"],
            "title": ["Headline"],
            "url": ["http://x.test"],
            "text": ["The junta."],
        }
    ).to_csv(p, index=False)
    df = load_mediacloud(p)
    assert df.loc[0, "outlet"] == "nyt" and df.loc[0, "date"] == pd.Timestamp("2021-05-01 10:00")
    no_text = tmp_path / "mc2.csv"
    pd.DataFrame({"id": [1], "media_name": ["nyt"], "publish_date": [""], "title": ["H"]}).to_csv(
        no_text, index=False
    )
    with pytest.raises(CorpusError, match="field 'text' is missing"):
        load_mediacloud(no_text)
    assert load_mediacloud(no_text, text="title").loc[0, "text"] == "H"


@pytest.fixture
def server(tmp_path):
    root = tmp_path / "www"
    root.mkdir()
    (root / "babe.csv").write_text(BABE)
    hits = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def log_message(self, *a):
            hits.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}", hits
    httpd.shutdown()
    httpd.server_close()


def test_fetch_downloads_once_with_checksum(server, tmp_path):
    url, hits = server
    digest = hashlib.sha256(BABE.encode()).hexdigest()
    cache = tmp_path / "cache"
    df = biaskit.fetch_babe(f"{url}/babe.csv", sha256=digest, folder=cache)
    assert len(df) == 3
    assert len(hits) == 1
    biaskit.fetch_babe(f"{url}/babe.csv", sha256=digest, folder=cache)
    assert len(hits) == 1  # cached: no second download
    assert (cache / "babe.csv.sha256").read_text().strip() == digest


def test_fetch_rejects_bad_checksum_and_keeps_nothing(server, tmp_path):
    url, _ = server
    cache = tmp_path / "cache"
    with pytest.raises(ValueError, match="checksum"):
        fetch_file(f"{url}/babe.csv", sha256="0" * 64, folder=cache)
    assert not list(cache.iterdir())


def test_fetch_notices_a_changed_cache(server, tmp_path):
    url, _ = server
    cache = tmp_path / "cache"
    path = fetch_file(f"{url}/babe.csv", folder=cache)
    path.write_text("tampered")
    with pytest.raises(ValueError, match="does not match"):
        fetch_file(f"{url}/babe.csv", folder=cache)


def test_fetch_missing_file_is_a_clear_error(server, tmp_path):
    url, _ = server
    with pytest.raises(OSError, match="could not download"):
        fetch_file(f"{url}/nope.csv", folder=tmp_path / "c")
    assert not (tmp_path / "c" / "nope.csv").exists()


def test_nothing_downloads_on_import():
    import subprocess
    import sys

    code = (
        "import socket\n"
        "def deny(*a, **k):\n    raise SystemExit('network used at import')\n"
        "socket.socket.connect = deny\n"
        "import biaskit; biaskit.score('The dictator spoke.'); biaskit.load_example_corpus()\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
