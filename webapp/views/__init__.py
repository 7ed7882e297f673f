"""The areas of the site, one blueprint each; ``create_app`` registers every one listed here."""
from .blocked import blueprint as blocked
from .entity import blueprint as entity
from .export import blueprint as export
from .graphs import blueprint as graphs
from .home import blueprint as home
from .ontology import blueprint as ontology
from .queries import blueprint as queries
from .search import blueprint as search
from .editor import blueprint as editor
from .sparql import blueprint as sparql

BLUEPRINTS = [home, search, sparql, editor, queries, blocked, entity, ontology, export, graphs]
