from . import sunshine_training_session
from . import stock_lot
from . import helpdesk_ticket
