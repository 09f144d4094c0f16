from . import sunshine_lot_return
