from . import sunshine_warranty_term
from . import sunshine_warranty_fee
from . import stock_lot
from . import helpdesk_ticket
