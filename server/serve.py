"""Serve the app with gunicorn, a production WSGI server, preloaded once and forked to workers."""

from gunicorn.app.base import BaseApplication


class Server(BaseApplication):
    """gunicorn, configured from our settings rather than its command line."""

    def __init__(self, app, options):
        self.app = app
        self.options = options
        super().__init__()

    def load_config(self):
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.app


def serve(app, host, port, workers, log_level="warning"):
    """Run the app until interrupted."""
    url = f"http://{host}:{port}"

    def when_ready(_server):
        print(f"PolicyLens server listening on {url}", flush=True)

    options = {
        "bind": f"{host}:{port}",
        "workers": workers,
        "worker_class": "gthread",
        "threads": 4,
        "timeout": 30,
        "graceful_timeout": 5,
        "keepalive": 5,
        "preload_app": True,
        "accesslog": None,  # request lines carry no policy text, but nothing is logged per request
        "errorlog": "-",
        "loglevel": log_level,
        "limit_request_line": 8190,
        "when_ready": when_ready,
        "proc_name": "policylens",
    }
    Server(app, options).run()
