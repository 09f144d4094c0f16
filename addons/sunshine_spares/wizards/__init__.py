from . import sunshine_lot_return
from . import sunshine_lot_installation
from . import sunshine_ticket_resolve_wizard
