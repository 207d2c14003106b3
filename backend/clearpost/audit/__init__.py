"""`clearpost audit`: read the platforms' own exports of an account's past posts and say which
breach the organisation's policy today.

    readers   x.py, linkedin.py, instagram.py, registered in sources.py; records.py is what they yield
    checking  checker.py (one Engine per worker, the model batched across posts)
    running   runner.py (local processes) and ray_runner.py (a Ray cluster; `pip install -e '.[cluster]'`)
    reports   report.py gathers the summary; html.py, files.py (JSON, CSV) write it
    command   command.py (`clearpost audit`, `clearpost auditbench`); bench.py, generate.py (big archives)

Nothing from an archive is written anywhere but the reports asked for, and never to a log.
"""
