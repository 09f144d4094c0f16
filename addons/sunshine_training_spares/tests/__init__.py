from . import test_customer_training
from . import test_dispatch_by_serial
