from . import sunshine_training_session
from . import stock_lot
