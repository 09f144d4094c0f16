from . import sunshine_lot_return
from . import sunshine_lot_installation
